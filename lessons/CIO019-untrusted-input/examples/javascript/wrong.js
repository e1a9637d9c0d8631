const express = require('express');
const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

const app = express();
app.use(express.json());

// The web player reports what the signed-in listener does.
app.post('/events', (req, res) => {
  const { event, episodeId } = req.body;
  cio
    .track(req.user.id, { name: event, data: { episode_id: episodeId } })
    .catch((err) => console.error('customer.io', err));
  res.sendStatus(202);
});

module.exports = app;
