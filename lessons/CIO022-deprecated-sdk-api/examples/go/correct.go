package courses

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(os.Getenv("CUSTOMERIO_SITE_ID"), os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS))

// LessonCompleted runs after every completed lesson in the course player.
func LessonCompleted(userID, lessonID string) error {
	return cio.Track(userID, "lesson_completed", map[string]any{"lesson_id": lessonID})
}
