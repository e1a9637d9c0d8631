const {TrackClient} = require('customerio-node');
exports.init = function() {
  exports.tracker = new TrackClient(process.env.S, process.env.K);
};
exports.onSignup = function(user) {
  exports.tracker.identify(user.email, {created_at: Date.now()});
};
