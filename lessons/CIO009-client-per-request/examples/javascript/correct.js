const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Runs after every successful login.
async function recordLogin(user, method) {
  await cio.track(user.id, { name: 'logged_in', data: { method } });
}

module.exports = { recordLogin };
