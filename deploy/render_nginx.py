"""Render deploy/nginx/cocrea.conf.in for the app processes you run (standard library only).

    python deploy/render_nginx.py --listen 443 --server-name taller.example.org \
        --node a1=10.0.0.11:8001 --node a2=10.0.0.12:8001 > /etc/nginx/conf.d/cocrea.conf

Every --node is one app process: its name (the COCREA_NODE it runs with) and its address.
"""
import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "cocrea.conf.in"
NODE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
ADDRESS = re.compile(r"^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$")
# Never marked down (see the template): each request tries its own process and moves on if it fails.
FAIL = "max_fails=0"


def parse_node(text):
    """"name=host:port" -> (name, "host:port"), refusing anything nginx could misread."""
    name, _, address = text.partition("=")
    if not NODE_NAME.match(name):
        raise argparse.ArgumentTypeError(
            f"node name {name!r}: lowercase letters, digits, '-' or '_', at most 32 (as in COCREA_NODE)")
    if not ADDRESS.match(address):
        raise argparse.ArgumentTypeError(f"node {name}: address {address!r} is not host:port")
    return name, address


def render(nodes, listen, server_name="_"):
    """The configuration text for these (name, address) nodes."""
    names = [name for name, _ in nodes]
    if not nodes or len(set(names)) != len(names):
        raise ValueError("give at least one --node, each with its own name")
    routes = "\n".join(f"    {name} cocrea_{name};" for name in names)
    every = "\n".join(f"    server {address} {FAIL};" for _, address in nodes)
    groups = "\n\n".join(_node_upstream(name, address, nodes) for name, address in nodes)
    text = TEMPLATE.read_text()
    for key, value in {"@ROUTES@": routes, "@ALL_SERVERS@": every, "@NODE_UPSTREAMS@": groups,
                       "@LISTEN@": str(listen), "@SERVER_NAME@": server_name}.items():
        text = text.replace(key, value)
    return text


def _node_upstream(name, address, nodes):
    backups = "".join(f"\n    server {other} backup;" for other_name, other in nodes if other_name != name)
    return f"upstream cocrea_{name} {{\n    server {address} {FAIL};{backups}\n    keepalive 16;\n}}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node", action="append", type=parse_node, required=True, metavar="NAME=HOST:PORT",
                        help="one app process (repeat for each)")
    parser.add_argument("--listen", default="80", help="nginx's listen parameters (default 80)")
    parser.add_argument("--server-name", default="_", help="server_name (default _: any)")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render(args.node, args.listen, args.server_name))
    except ValueError as error:
        parser.error(str(error))


if __name__ == "__main__":
    main()
