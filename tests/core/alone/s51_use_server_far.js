'use server';
import {TrackClient} from 'customerio-node';
const cio = new TrackClient(process.env.S, process.env.K);
export async function track(event) { await cio.track('u', {name: event}); }
