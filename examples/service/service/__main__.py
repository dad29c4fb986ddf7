import http.server
import os
import sys

import idna


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok\n" if self.path == "/health" else b"service-app\n"
        self.send_response(200 if self.path in ("/", "/health") else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    if "--versions" in sys.argv:
        import six  # the dev group's dependency

        print(f"service-app dev: idna {idna.__version__}, six {six.__version__}, uid {os.getuid()}, cwd {os.getcwd()}")
        return
    server = http.server.HTTPServer(("127.0.0.1", 8000), Handler)
    print(f"serving on 127.0.0.1:8000 as uid {os.getuid()} in {os.getcwd()}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # STOPSIGNAL SIGINT: a clean exit, status 0
        print("stopped", flush=True)


main()
