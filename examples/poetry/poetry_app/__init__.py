import greeting_lib
import web_lib


def main() -> None:
    print(f"poetry-app: {greeting_lib.hello()} + {web_lib.hello()}")
