import os
import tomllib


def main() -> None:
    with open("/etc/files-app/config.toml", "rb") as fh:
        print("config:", tomllib.load(fh)["greeting"])
    print("space:", open("/app/with space.txt").read().strip())
    print("add:", open("/app/data/data.txt").read().strip())
    print("from builder:", os.path.exists("/app/builder-os-release"))
    print("build-time file in image:", os.path.exists("/opt/build-time.txt"))
