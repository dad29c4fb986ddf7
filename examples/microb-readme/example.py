"""The microb README's example module (a NATS micro service there; here it only reports)."""

__version__ = "0.1.0"


def setup():
    import nats, nkeys  # noqa: F401  (the example's dependencies)

    print(f"my_example {__version__}: setup called")


if __name__ == "__main__":
    setup()
