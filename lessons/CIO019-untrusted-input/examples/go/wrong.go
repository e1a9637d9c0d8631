package player

import (
	"encoding/json"
	"io"
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(os.Getenv("CUSTOMERIO_SITE_ID"), os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS))

type playerEvent struct {
	Event     string `json:"event"`
	EpisodeID string `json:"episode_id"`
}

// RecordEvent is called by the /events handler with the request body: the web player
// reports what the listener does.
func RecordEvent(body io.Reader, userID string) error {
	var ev playerEvent
	if err := json.NewDecoder(body).Decode(&ev); err != nil {
		return err
	}
	return cio.Track(userID, ev.Event, map[string]any{"episode_id": ev.EpisodeID})
}
