import greeting_lib


def main() -> None:
    print(f"rye-app: {greeting_lib.hello()}")
