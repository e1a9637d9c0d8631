const express = require('express');
const { TrackClient, RegionUS } = require('customerio-node');
const orders = require('./orders');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});
const app = express();
app.use(express.json());

app.post('/checkout', async (req, res) => {
  const order = await orders.create(req.user.id, req.body.items);
  await cio.track(req.user.id, {
    name: 'checkout_completed',
    data: { order_id: order.id, total: order.total },
  });
  res.status(201).json(order);
});

module.exports = app;
