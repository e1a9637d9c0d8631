import os

from flask import Flask, abort, g, request

from customerio import CustomerIO, Regions

cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.US)
app = Flask(__name__)

PLAYER_EVENTS = {"episode_played", "episode_paused", "episode_finished"}


def record_player_event():
    """Called by the /events view: the web player reports what the listener does."""
    payload = request.get_json()
    if payload["event"] not in PLAYER_EVENTS:
        abort(400)
    cio.track(customer_id=g.user.id, name=payload["event"], data={"episode_id": payload["episode_id"]})
