import os
import platform

import attrs
import click
import idna
from packaging.version import Version


@attrs.frozen
class Greeting:
    name: str

    def render(self) -> str:
        return f"Hello, {self.name}!"


@click.group()
def cli() -> None:
    """microb-action's demo app."""


@cli.command()
@click.option("--name", default="world")
def greet(name: str) -> None:
    click.echo(f"{Greeting(name).render()} (demo-app {Version('1.0.0')}, click {click.__version__}, idna {idna.__version__})")
    click.echo(f"Running as uid {os.getuid()} on {platform.machine()}, Python {platform.python_version()}")
