"""The app's own tests: `python -m pytest` (or `python -m unittest discover tests`) from part-1/."""

import json
import os
import sys
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "app"))

from app import ConfigurationError, client_address, create_app  # noqa: E402

TOKEN = "test-token-7d41c0a9b2e8f356"


class AuthenticationTest(unittest.TestCase):
    def setUp(self):
        self.client = create_app(TOKEN, trusted_proxy_hops=0).test_client()

    def get(self, path="/", authorization=None, **headers):
        if authorization is not None:
            headers["Authorization"] = authorization
        return self.client.get(path, headers=headers)

    def test_refuses_a_call_without_the_header_and_names_the_scheme(self):
        response = self.get()
        self.assertEqual(response.status_code, 401)
        self.assertTrue(response.headers["WWW-Authenticate"].startswith("Token "))
        self.assertIn("Authorization: Token", response.get_json()["error"])

    def test_refuses_wrong_tokens_other_schemes_and_empty_tokens(self):
        for header in [f"Token {TOKEN}x", "Token wrong", f"Bearer {TOKEN}", f"Basic {TOKEN}",
                       "Token ", TOKEN, f"Token {TOKEN[:-1]}"]:
            with self.subTest(header=header):
                self.assertEqual(self.get(authorization=header).status_code, 401)

    def test_answers_the_right_token_whatever_the_case_of_the_scheme(self):
        for header in [f"Token {TOKEN}", f"token {TOKEN}", f"TOKEN {TOKEN}"]:
            with self.subTest(header=header):
                response = self.get(authorization=header)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.get_json(), {"message": "Hello! You are authenticated."})

    def test_keeps_unknown_paths_behind_the_token(self):
        self.assertEqual(self.get("/admin").status_code, 401)
        self.assertEqual(self.get("/admin", f"Token {TOKEN}").status_code, 404)

    def test_answers_the_health_check_without_a_token(self):
        response = self.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.get_json(), {"status": "ok"})

    def test_refuses_a_header_whose_bytes_are_not_the_tokens(self):
        # What a client sends for "Token <token>é" in UTF-8, as the WSGI server hands it over.
        utf8 = f"Token {TOKEN}é".encode("utf-8").decode("latin-1")
        self.assertEqual(self.get(authorization=utf8).status_code, 401)


class TokenRuleTest(unittest.TestCase):
    def test_refuses_tokens_it_could_not_match_or_that_are_too_short(self):
        for token, reason in [
            ("contraseña-secreta-2026", "outside ASCII"),
            ("short-token-123", "15 characters"),
            ("has a space in the middle", "without spaces"),
        ]:
            with self.subTest(token=token), self.assertRaises(ConfigurationError) as caught:
                create_app(token, trusted_proxy_hops=0)
            self.assertIn(reason, str(caught.exception))

    def test_accepts_sixteen_printable_ascii_characters(self):
        create_app("exactly-16-chars", trusted_proxy_hops=0)

    def test_stops_at_start_without_a_usable_token_and_says_how_to_set_one(self):
        for env, message in [({}, "is not set or is empty"), ({"APP_SECRET_TOKEN": "  "}, "is not set"),
                             ({"APP_SECRET_TOKEN": "ñ" * 20}, "outside ASCII")]:
            with self.subTest(env=env), mock.patch.dict(os.environ, env, clear=True), \
                    mock.patch("sys.stderr") as stderr, self.assertRaises(SystemExit) as exited:
                create_app()
            self.assertEqual(exited.exception.code, 1)
            self.assertIn(message, "".join(call.args[0] for call in stderr.write.call_args_list))


class ClientAddressTest(unittest.TestCase):
    def test_takes_the_address_the_outermost_trusted_proxy_appended(self):
        # The client wrote 198.51.100.9; CloudFront appended the viewer, the load balancer CloudFront.
        chain = "198.51.100.9, 203.0.113.7, 10.0.1.25"
        self.assertEqual(client_address(chain, "10.0.0.4", 2), "203.0.113.7")
        self.assertEqual(client_address("203.0.113.7,10.0.1.25", "10.0.0.4", 2), "203.0.113.7")

    def test_falls_back_to_the_connection_when_the_proxies_are_not_in_the_chain(self):
        self.assertEqual(client_address("198.51.100.9", "10.0.0.4", 2), "10.0.0.4")
        self.assertEqual(client_address("", "10.0.0.4", 2), "10.0.0.4")
        self.assertEqual(client_address("198.51.100.9, 203.0.113.7", "127.0.0.1", 0), "127.0.0.1")

    def test_logs_one_json_line_with_the_trusted_address_never_the_token_or_the_raw_header(self):
        client = create_app(TOKEN, trusted_proxy_hops=2).test_client()
        spoofed = "198.51.100.9"
        with self.assertLogs("access", "INFO") as logged:
            client.get("/", headers={"Authorization": f"Token {TOKEN}",
                                     "X-Forwarded-For": f"{spoofed}, 203.0.113.7, 10.0.1.25"})
            client.get("/", headers={"Authorization": "Token wrong"})
        lines = [json.loads(record.getMessage()) for record in logged.records]
        self.assertEqual([(line["status"], line["client_ip"]) for line in lines],
                         [(200, "203.0.113.7"), (401, "127.0.0.1")])
        text = "\n".join(record.getMessage() for record in logged.records)
        self.assertNotIn(TOKEN, text)
        self.assertNotIn(spoofed, text)
        self.assertNotIn("forwarded", text.lower())


if __name__ == "__main__":
    unittest.main()
