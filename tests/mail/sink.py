"""A real SMTP server for Ourplan's tests: aiosmtpd, keeping each message it accepts as an
.eml file in a folder, with the envelope's recipients in an `X-Sink-To` header.

    sink.py PORT FOLDER [--hold SECONDS]

--hold makes it wait that long after keeping a message before it answers 250: the window in
which a test kills the sender, so the message has arrived but the sender never heard so.
It prints "ready" once it listens and runs until it is killed.
"""

import argparse
import asyncio
import os
import pathlib
import signal
import threading
import time

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder: pathlib.Path, hold: float):
        self.folder = folder
        self.hold = hold

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{os.getpid()}"
        partial = self.folder / f"{name}.part"
        header = "X-Sink-To: " + ", ".join(envelope.rcpt_tos) + "\r\n"
        partial.write_bytes(header.encode() + envelope.original_content)
        # Renamed whole, so a reader never sees half a message.
        partial.rename(self.folder / f"{name}.eml")
        if self.hold:
            await asyncio.sleep(self.hold)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("folder")
    parser.add_argument("--hold", type=float, default=0.0)
    args = parser.parse_args()
    folder = pathlib.Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(Keep(folder, args.hold), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
