const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Records a product added to the cart. Guests have no profile yet: nothing is sent for them.
async function recordAddToCart(session, product) {
  if (!session.user) return;
  await cio.track(session.user.id, { name: 'added_to_cart', data: { sku: product.sku } });
}

module.exports = { recordAddToCart };
