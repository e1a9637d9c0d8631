const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Nightly job: tells Customer.io about every order shipped today.
async function reportShipments(orders) {
  for (const order of orders) {
    await cio.track(order.customerId, {
      name: 'order_shipped',
      data: { order_id: order.id, carrier: order.carrier },
    });
  }
}

module.exports = { reportShipments };
