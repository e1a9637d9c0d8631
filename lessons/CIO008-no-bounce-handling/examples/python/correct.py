import os

from customerio import APIClient, Regions, SendEmailRequest

from app import users

api = APIClient(os.environ["CUSTOMERIO_APP_API_KEY"], region=Regions.US)


def send_receipt(order):
    """Sends the receipt once an order is paid."""
    request = SendEmailRequest(
        transactional_message_id=3,
        to=order.customer_email,
        identifiers={"id": order.customer_id},
        message_data={"order_id": order.id, "total": order.total},
    )
    return api.send_email(request)


def on_reporting_webhook(event):
    """Called by the webhook task for each reporting webhook, after the X-CIO-Signature check."""
    if event["metric"] == "bounced":
        # Stop trusting the address and ask the customer for a new one.
        users.mark_email_undeliverable(event["data"]["customer_id"])
