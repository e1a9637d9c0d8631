const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Called once the payment provider confirms the charge.
async function recordPayment(order) {
  await cio.track(order.customerId, {
    name: 'order_paid',
    data: {
      order_id: order.id,
      total: order.total,
      paid_at: Date.now(),
    },
  });
}

module.exports = { recordPayment };
