import os


def main() -> None:
    print(f"api serving as {os.environ['ROLE']}")
