const {TrackClient} = require('customerio-node');
const makeClient = () => new TrackClient(process.env.S, process.env.K);
const express = require('express');
const app = express();
app.post('/signup', async (req, res) => {
  await makeClient().identify(req.body.id, {email: req.body.email});
  res.end();
});
