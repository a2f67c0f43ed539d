#!/usr/bin/env python3
"""A real SMTP server for feedwatch's end-to-end tests (Debian's python3-aiosmtpd, 1.4.x).

  smtp-receiver.py --port-file PATH --out DIR [--tls starttls|implicit|none]
                   [--cert CERT.pem --key KEY.pem] [--user NAME --password PW | --password-file F] [--fail-first N]

Listens on 127.0.0.1 on an ephemeral port and, once listening, writes that port to --port-file
(atomically). --tls starttls offers STARTTLS and requires it before MAIL; --tls implicit speaks TLS
from the first byte (smtps); none is plain. With --user/--password, AUTH PLAIN/LOGIN is required
and checked (wrong credentials: 535). --fail-first N answers the first N DATA transactions with
451 4.3.0. Each accepted message becomes DIR/NNNN.eml (the DATA content as received, dot-stuffing
undone, CRLF line endings kept) and DIR/NNNN.json ({"mail_from", "rcpt_tos", "auth_user", "tls"});
the .json is in place before the .eml appears. Runs until SIGTERM/SIGINT, then exits 0."""
import argparse, asyncio, json, logging, os, signal, ssl, sys, warnings

try:
    from aiosmtpd.controller import UnthreadedController
    from aiosmtpd.smtp import AuthResult
except ImportError:
    # `python3` may be another interpreter (pyenv) that cannot see Debian's dist-packages.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise


def write_atomically(path, data):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


class Receiver:
    def __init__(self, out, fail_first, implicit_tls):
        self.out, self.fail_left, self.implicit_tls, self.saved = out, fail_first, implicit_tls, 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 try again later"
        self.saved += 1
        base = os.path.join(self.out, f"{self.saved:04d}")
        user = session.auth_data.login.decode("utf-8", "replace") if session.authenticated else None
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "auth_user": user,
                "tls": self.implicit_tls or session.ssl is not None}
        write_atomically(base + ".json", json.dumps(meta).encode() + b"\n")
        write_atomically(base + ".eml", envelope.original_content)
        return "250 2.0.0 OK"


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (mechanism in ("PLAIN", "LOGIN") and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return authenticate


def main():
    # A test process may start this from a thread that blocks signals, and the mask is inherited.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls", choices=["starttls", "implicit", "none"], default="none")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--password-file", help="the password, read from a file (kept off command lines and journals)")
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    if args.tls != "none" and not (args.cert and args.key):
        parser.error(f"--tls {args.tls} needs --cert and --key")
    if args.password_file:
        with open(args.password_file) as f:
            args.password = f.read().strip()
    if (args.user is None) != (args.password is None):
        parser.error("--user and --password go together")
    os.makedirs(args.out, exist_ok=True)

    options = {}
    if args.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.tls == "starttls":
            options.update(tls_context=context, require_starttls=True)
        else:
            options.update(ssl_context=context)
    if args.user is not None:
        # aiosmtpd 1.4 counts only STARTTLS as TLS for auth_require_tls, so implicit TLS (and plain,
        # which the tests may use on loopback) must turn it off for AUTH to be offered at all.
        options.update(auth_required=True, auth_require_tls=args.tls == "starttls",
                       authenticator=authenticator_for(args.user, args.password))
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
    # aiosmtpd itself warns about these on every connection/login; keep stderr for real problems.
    noise = ("auth_require_tls == False", "login_data is deprecated")
    logging.getLogger("mail.log").addFilter(lambda record: not any(n in record.getMessage() for n in noise))
    loop = asyncio.new_event_loop()
    controller = UnthreadedController(
        Receiver(args.out, args.fail_first, args.tls == "implicit"), hostname="127.0.0.1", port=0,
        loop=loop, server_hostname="smtp-receiver.test", **options)
    controller.begin()
    port = controller.server.sockets[0].getsockname()[1]
    write_atomically(args.port_file, f"{port}\n".encode())

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, loop.stop)
    loop.run_forever()
    controller.server.close()
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(controller.server.wait_closed())
    loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
