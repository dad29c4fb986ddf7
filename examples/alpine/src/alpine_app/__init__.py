import greeting_lib


def main() -> None:
    print(f"alpine-app: {greeting_lib.hello()}")
