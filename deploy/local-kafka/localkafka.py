#!/usr/bin/env python3
"""Run one real Apache Kafka 3.9.1 KRaft node on localhost without Docker.

    python3 deploy/local-kafka/localkafka.py start|stop|status

The broker jars come from Maven Central (see pom.xml beside this file).
Standard library only: this must work before the project's virtualenv exists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
STATE_DIR = Path(os.environ.get("NEWSINGEST_KAFKA_HOME", PROJECT / ".local-kafka"))
LIBS_DIR = STATE_DIR / "libs"
DATA_DIR = STATE_DIR / "data"
LOG_DIR = STATE_DIR / "logs"
PID_FILE = STATE_DIR / "broker.pid"
CONFIG_FILE = STATE_DIR / "server.properties"
PORT = int(os.environ.get("NEWSINGEST_KAFKA_PORT", "9092"))
CONTROLLER_PORT = int(os.environ.get("NEWSINGEST_KAFKA_CONTROLLER_PORT", "9093"))
START_TIMEOUT_S = float(os.environ.get("NEWSINGEST_KAFKA_START_TIMEOUT", "300"))

# One-node settings: internal topics cannot have more replicas than brokers,
# and the initial rebalance delay only slows tests down.
SERVER_PROPERTIES = """\
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{controller_port}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs={data_dir}
num.partitions=4
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=8
group.initial.rebalance.delay.ms=0
log.retention.hours=168
log.segment.bytes=67108864
"""


class BrokerError(RuntimeError):
    """The local broker could not be prepared, started or stopped."""


def require_tools() -> None:
    missing = []
    java = shutil.which("java")
    if java is None:
        missing.append("java (Java 17 or newer: apt-get install openjdk-17-jre-headless)")
    else:
        version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
        major = _java_major(version)
        if major is not None and major < 17:
            missing.append(f"Java 17 or newer (found Java {major})")
    if not (LIBS_DIR / "kafka_2.13-3.9.1.jar").exists() and shutil.which("mvn") is None:
        missing.append("mvn (Apache Maven, to fetch the broker from Maven Central: apt-get install maven)")
    if missing:
        raise BrokerError("cannot run the local Kafka broker, missing: " + "; ".join(missing))


def _java_major(version_output: str) -> int | None:
    for token in version_output.split():
        token = token.strip('"')
        if token[:1].isdigit():
            head = token.split(".")[0]
            if head == "1":  # "1.8.0_x" style
                return int(token.split(".")[1])
            return int(head) if head.isdigit() else None
    return None


def fetch_libs() -> None:
    if (LIBS_DIR / "kafka_2.13-3.9.1.jar").exists():
        return
    print("fetching Apache Kafka 3.9.1 from Maven Central ...", flush=True)
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    staging = STATE_DIR / "libs.partial"
    shutil.rmtree(staging, ignore_errors=True)
    result = subprocess.run(
        [
            "mvn", "-q", "-B", "-f", str(HERE / "pom.xml"),
            "dependency:copy-dependencies", "-DincludeScope=runtime",
            f"-DoutputDirectory={staging}",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BrokerError(f"maven could not fetch the broker:\n{result.stdout}\n{result.stderr}")
    staging.rename(LIBS_DIR)


def _classpath() -> str:
    return os.pathsep.join(str(jar) for jar in sorted(LIBS_DIR.glob("*.jar")))


def _java(main_class: str, *args: str) -> list[str]:
    log4j = HERE / "log4j.properties"
    return [
        "java", "-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
        f"-Dlog4j.configuration=file:{log4j}",
        f"-Dkafka.logs.dir={LOG_DIR}",
        "-cp", _classpath(), main_class, *args,
    ]


def write_config() -> None:
    """The broker's settings for this start's ports. Written at every start, not only when the storage is formatted:
    a checkout first started on 29092 and then with NEWSINGEST_KAFKA_PORT=39092 ran a broker on 29092 while this
    script waited five minutes for one on 39092."""
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    CONFIG_FILE.write_text(
        SERVER_PROPERTIES.format(port=PORT, controller_port=CONTROLLER_PORT, data_dir=DATA_DIR)
    )


def configured_port() -> int | None:
    """The client port in the settings the running broker was started with, if any."""
    if not CONFIG_FILE.exists():
        return None
    for line in CONFIG_FILE.read_text().splitlines():
        if line.startswith("advertised.listeners=PLAINTEXT://"):
            return int(line.rsplit(":", 1)[1])
    return None


def format_storage() -> None:
    if (DATA_DIR / "meta.properties").exists():
        return
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    cluster_id = _kafka_cluster_id()
    result = subprocess.run(
        _java("kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(CONFIG_FILE)),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BrokerError(f"formatting storage failed:\n{result.stdout}\n{result.stderr}")


def _kafka_cluster_id() -> str:
    import base64

    # One id in 64 starts with "-", which the storage tool reads as an option (as Kafka's own Uuid.randomUuid
    # avoids): "--cluster-id: expected one argument" failed a CI run.
    while (cluster_id := base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")).startswith("-"):
        pass
    return cluster_id


def running_pid() -> int | None:
    """The pid of the broker this script started, if it is still alive."""
    try:
        pid = int(PID_FILE.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return None
    # A recycled pid must not be mistaken for our broker.
    if "kafka.Kafka" in cmdline and str(CONFIG_FILE) in cmdline:
        return pid
    return None


def metadata_brokers(host: str = "127.0.0.1", port: int = PORT, timeout: float = 2.0) -> int:
    """Send a MetadataRequest (v1) and return how many brokers the cluster reports."""
    client_id = b"newsingest-localkafka"
    body = struct.pack(">hhih", 3, 1, 7, len(client_id)) + client_id + struct.pack(">i", -1)
    with socket.create_connection((host, port), timeout=timeout) as conn:
        conn.settimeout(timeout)
        conn.sendall(struct.pack(">i", len(body)) + body)
        size = struct.unpack(">i", _recv_exact(conn, 4))[0]
        payload = _recv_exact(conn, size)
    correlation_id, broker_count = struct.unpack(">ii", payload[:8])
    if correlation_id != 7:
        raise BrokerError("unexpected metadata response")
    return broker_count


def _recv_exact(conn: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = conn.recv(size - len(chunks))
        if not chunk:
            raise ConnectionError("broker closed the connection")
        chunks.extend(chunk)
    return bytes(chunks)


def broker_ready() -> bool:
    try:
        return metadata_brokers() >= 1
    except (OSError, BrokerError, struct.error):
        return False


def start() -> None:
    pid, ready = running_pid(), broker_ready()
    if pid is not None and ready:
        print(f"local Kafka already running on 127.0.0.1:{PORT} (pid {pid})")
        return
    if pid is None and ready:
        raise BrokerError(f"another Kafka already answers on 127.0.0.1:{PORT}; it was not started here")
    if pid is not None and (configured := configured_port()) not in (None, PORT):
        raise BrokerError(f"the broker started here runs on 127.0.0.1:{configured}, not {PORT}: stop it first "
                          f"(make broker-stop) or use NEWSINGEST_KAFKA_PORT={configured}")
    require_tools()
    fetch_libs()
    process = None
    if pid is None:
        write_config()
        format_storage()
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        with open(LOG_DIR / "broker.out", "ab") as out:
            process = subprocess.Popen(
                _java("kafka.Kafka", str(CONFIG_FILE)),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        PID_FILE.write_text(str(process.pid))
    began = time.monotonic()
    while time.monotonic() - began < START_TIMEOUT_S:
        if process is not None and process.poll() is not None:
            raise BrokerError(f"the broker exited during start-up; see {LOG_DIR / 'broker.out'}")
        if broker_ready():
            print(f"local Kafka ready on 127.0.0.1:{PORT} after {time.monotonic() - began:.1f}s")
            return
        time.sleep(0.5)
    if process is not None:
        stop()  # a broker this start launched and nobody can reach is not left running
    raise BrokerError(f"the broker did not answer metadata on 127.0.0.1:{PORT} within {START_TIMEOUT_S:.0f}s; "
                      f"see {LOG_DIR / 'broker.out'}")


def stop() -> None:
    pid = running_pid()
    if pid is None:
        print("local Kafka is not running (nothing started here)")
        PID_FILE.unlink(missing_ok=True)
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and running_pid() is not None:
        time.sleep(0.3)
    if running_pid() is not None:
        os.kill(pid, signal.SIGKILL)
    PID_FILE.unlink(missing_ok=True)
    print("local Kafka stopped")


def status() -> int:
    pid = running_pid()
    ready = broker_ready()
    print(f"pid={pid or '-'} ready={ready} bootstrap=127.0.0.1:{PORT}")
    return 0 if pid and ready else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "status", "reset"])
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            start()
        elif args.command == "stop":
            stop()
        elif args.command == "reset":
            stop()
            shutil.rmtree(DATA_DIR, ignore_errors=True)
            print(f"removed {DATA_DIR}")
        else:
            return status()
    except BrokerError as exc:
        print(f"localkafka: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
