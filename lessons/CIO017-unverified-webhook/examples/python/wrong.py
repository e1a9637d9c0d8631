from flask import Flask, request

from app import users

app = Flask(__name__)


@app.post("/webhooks/customerio")
def reporting_webhook():
    """Customer.io posts reporting webhooks here."""
    event = request.get_json()
    if event["metric"] == "bounced":
        users.mark_email_undeliverable(event["data"]["customer_id"])
    return "", 204
