import os
import sys


def main() -> None:
    print(f"worker {os.environ['ROLE']} args={sys.argv[1:]}")
