const express = require('express');
const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

const PLAYER_EVENTS = ['episode_played', 'episode_paused', 'episode_finished'];

const app = express();
app.use(express.json());

// The web player reports what the signed-in listener does.
app.post('/events', (req, res) => {
  const { event, episodeId } = req.body;
  if (!PLAYER_EVENTS.includes(event)) return res.sendStatus(400);
  cio
    .track(req.user.id, { name: event, data: { episode_id: episodeId } })
    .catch((err) => console.error('customer.io', err));
  return res.sendStatus(202);
});

module.exports = app;
