'use client';
import {TrackClient} from 'customerio-node';
const cio = new TrackClient(process.env.NEXT_PUBLIC_SITE, process.env.TRACK_KEY);
export function track(n) { cio.track('u1', {name: n}); }
function layout() { return globalThis.innerWidth; }
