import os
import sys


def main() -> None:
    print(f"hello from hello-app on Python {sys.version_info.major}.{sys.version_info.minor}, uid {os.getuid()}")
