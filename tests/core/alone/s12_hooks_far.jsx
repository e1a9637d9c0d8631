import { useEffect } from 'react';
import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.SITE_ID, process.env.TRACK_KEY);
export function trackSignup(id) { return cio.track(id, { name: 'signup' }); }
export function Banner() { useEffect(() => {}, []); return <div/>; }
