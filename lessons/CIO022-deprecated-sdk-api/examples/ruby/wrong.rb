require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  json: true
)

# Runs after every completed lesson in the course player.
def lesson_completed(user, lesson)
  CIO.track(user.id, "lesson_completed", lesson_id: lesson.id)
end
