import hashlib
import hmac
import os
import time

from flask import Flask, abort, request

from app import users

app = Flask(__name__)
FIVE_MINUTES = 5 * 60


def signed_by_customerio():
    """Customer.io signs `v0:<timestamp>:<raw body>` with the webhook signing key."""
    signature = request.headers.get("X-CIO-Signature", "")
    timestamp = request.headers.get("X-CIO-Timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > FIVE_MINUTES:
        return False
    message = b"v0:" + timestamp.encode() + b":" + request.get_data()
    expected = hmac.new(os.environ["CUSTOMERIO_WEBHOOK_SIGNING_KEY"].encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(signature, expected)


@app.post("/webhooks/customerio")
def reporting_webhook():
    """Customer.io posts reporting webhooks here."""
    if not signed_by_customerio():
        abort(401)
    event = request.get_json()
    if event["metric"] == "bounced":
        users.mark_email_undeliverable(event["data"]["customer_id"])
    return "", 204
