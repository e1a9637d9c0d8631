import os

from celery import shared_task
from customerio import CustomerIO, Regions
from flask import Flask, jsonify, request

from shop import orders

cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.US)
app = Flask(__name__)


@shared_task
def track_checkout(customer_id, order_id, total):
    cio.track(
        customer_id=customer_id,
        name="checkout_completed",
        data={"order_id": order_id, "total": total},
    )


@app.post("/checkout")
def checkout():
    order = orders.create(request.json["user_id"], request.json["items"])
    track_checkout.delay(order.customer_id, order.id, order.total)
    return jsonify(order_id=order.id), 201
