const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient('a1b2c3d4e5f6a7b8c9d0', '9d8c7b6a5f4e3d2c1b0a', { region: RegionUS });

// Called after a new project is created.
async function recordProjectCreated(user, project) {
  await cio.track(user.id, { name: 'project_created', data: { project_id: project.id } });
}

module.exports = { recordProjectCreated };
