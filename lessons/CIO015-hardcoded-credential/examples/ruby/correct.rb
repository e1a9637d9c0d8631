require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Called after a new project is created.
def record_project_created(user, project)
  CIO.track(user.id, "project_created", project_id: project.id)
end
