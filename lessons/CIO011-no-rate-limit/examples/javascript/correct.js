const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Nightly job: tells Customer.io about every order shipped today.
async function reportShipments(orders) {
  const operations = orders.map((order) => ({
    type: 'person',
    identifiers: { id: order.customerId },
    action: 'event',
    name: 'order_shipped',
    attributes: { order_id: order.id, carrier: order.carrier },
  }));
  for (let i = 0; i < operations.length; i += 100) {
    await cio.batch(operations.slice(i, i + 100));
  }
}

module.exports = { reportShipments };
