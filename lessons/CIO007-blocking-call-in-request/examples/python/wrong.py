import os

from customerio import CustomerIO, Regions
from flask import Flask, jsonify, request

from shop import orders

cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.US)
app = Flask(__name__)


@app.post("/checkout")
def checkout():
    order = orders.create(request.json["user_id"], request.json["items"])
    cio.track(
        customer_id=order.customer_id,
        name="checkout_completed",
        data={"order_id": order.id, "total": order.total},
    )
    return jsonify(order_id=order.id), 201
