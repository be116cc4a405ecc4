"""The benchmark's servers, all on 127.0.0.1: gunicorn (2 sync workers) on 8100, a second one on
8101, and HAProxy on 8102 balancing over both, round robin, with no stickiness. No Django here:
the servers run in their own processes, with the environment run.py set."""

import gzip
import http.client
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"
FIRST_PORT, SECOND_PORT, BALANCER_PORT = 8100, 8101, 8102
REPLICA_PORT = 8103  # a gunicorn whose board, calendars and exports read a streaming replica
GUNICORN = Path(sys.executable).parent / "gunicorn"
WORKERS = 2  # sync workers per gunicorn
SERVER_HEADER = "X-Bench-Server"  # which server HAProxy sent a request to: "a" or "b"


def fetch(port: int, method: str, path: str, body: str | None = None, headers=None):
    """One request on a new connection: (status, body bytes, response headers); a gzipped
    body (the load asks for it, as a phone does) comes back decompressed."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body, headers or {})
        response = connection.getresponse()
        content = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        return response.status, content, response.headers
    finally:
        connection.close()


def have(program: str) -> bool:
    """The program, installed from Debian's package of the same name when missing and root."""
    if shutil.which(program):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing {program} (apt-get install -y {program})")
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", program], capture_output=True, env=environment)
    return shutil.which(program) is not None


def start_gunicorn(port: int, log_path: Path, env: dict | None = None) -> subprocess.Popen:
    print(f"Starting gunicorn on http://{HOST}:{port} (log: {log_path.name})")
    command = [
        str(GUNICORN),
        "hamstrings.wsgi",
        "--workers",
        str(WORKERS),
        "--bind",
        f"{HOST}:{port}",
        "--no-control-socket",  # else both servers would claim ~/.gunicorn/gunicorn.ctl
    ]
    with log_path.open("w") as log:
        environment = {**os.environ, **(env or {})}
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
    return wait_until_answering(server, "gunicorn", port, log_path)


def haproxy_config(backend_ports: list[int], port: int) -> str:
    """Round robin over the servers, each request on its own (gunicorn's sync workers close
    every connection); the answering server's name goes back in a header the checks read."""
    servers = "\n".join(
        f"    server {chr(ord('a') + index)} {HOST}:{backend_port}"
        for index, backend_port in enumerate(backend_ports)
    )
    return f"""global
    maxconn 4096

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend bench
    bind {HOST}:{port}
    default_backend servers

backend servers
    balance roundrobin
    http-response set-header {SERVER_HEADER} %[srv_name]
{servers}
"""


def start_haproxy(backend_ports: list[int], folder: Path, log_path: Path) -> subprocess.Popen:
    config = folder / "haproxy.cfg"
    config.write_text(haproxy_config(backend_ports, BALANCER_PORT))
    ports = " and ".join(str(port) for port in backend_ports)
    print(f"Starting HAProxy on http://{HOST}:{BALANCER_PORT}, round robin over {ports}")
    with log_path.open("w") as log:
        # -db: stay in the foreground, so stopping this process stops HAProxy.
        command = ["haproxy", "-db", "-f", str(config)]
        balancer = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    return wait_until_answering(balancer, "HAProxy", BALANCER_PORT, log_path)


def haproxy_version() -> str:
    output = subprocess.run(["haproxy", "-v"], capture_output=True, text=True).stdout
    return output.split()[2] if output.startswith("HAProxy version") else "?"


def wait_until_answering(process, name: str, port: int, log_path: Path) -> subprocess.Popen:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode}; see {log_path}")
        try:
            if fetch(port, "GET", "/bench/bare/")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    stop(process)
    raise SystemExit(f"{name} did not answer on {port} within 30 s; see {log_path}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
