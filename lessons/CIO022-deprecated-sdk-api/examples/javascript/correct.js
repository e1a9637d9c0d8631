const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, { region: RegionUS });

// Runs after every completed lesson in the course player.
async function lessonCompleted(user, lesson) {
  await cio.track(user.id, { name: 'lesson_completed', data: { lesson_id: lesson.id } });
}

module.exports = { lessonCompleted };
