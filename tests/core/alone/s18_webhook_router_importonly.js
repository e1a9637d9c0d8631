const router = require('./router');
const verify = require('./verify');
router.use(verify);
router.post('/webhooks/cio', (req, res) => {
  switch (req.body.metric) {
    case 'bounced':
      console.log('b');
      break;
  }
  res.sendStatus(200);
});
