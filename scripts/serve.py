#!/usr/bin/env python3
"""Serves the built web app on loopback only: serve.py --dir build/web/site --port 8080."""
import argparse
import functools
import http.server


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      '.wasm': 'application/wasm', '.js': 'text/javascript', '.gz': 'application/gzip'}

    def end_headers(self):
        self.send_header('Cache-Control', 'no-cache')
        super().end_headers()

    def log_message(self, fmt, *args):  # quiet: one line per error only
        if args and str(args[1] if len(args) > 1 else '').startswith(('4', '5')):
            super().log_message(fmt, *args)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument('--dir', required=True)
    p.add_argument('--port', type=int, default=8080)
    a = p.parse_args()
    server = http.server.ThreadingHTTPServer(('127.0.0.1', a.port),
                                             functools.partial(Handler, directory=a.dir))
    print(f'serving {a.dir} on http://127.0.0.1:{server.server_address[1]}/', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
