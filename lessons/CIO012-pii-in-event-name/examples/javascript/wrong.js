const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Runs when someone ticks the newsletter box on their account page.
async function recordNewsletterSignup(user, source) {
  await cio.track(user.id, {
    name: `newsletter_subscribed_${user.email}`,
    data: { source },
  });
}

module.exports = { recordNewsletterSignup };
