function tr(e) { _cio.track('Signed Up ' + e, {}); }
function id(u) { _cio.identify({id: u.email, created_at: Date.now()}); }
export {tr, id};
