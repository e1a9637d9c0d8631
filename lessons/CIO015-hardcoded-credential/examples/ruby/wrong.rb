require "customerio"

CIO = Customerio::Client.new(
  "a1b2c3d4e5f6a7b8c9d0",
  "9d8c7b6a5f4e3d2c1b0a",
  region: Customerio::Regions::US
)

# Called after a new project is created.
def record_project_created(user, project)
  CIO.track(user.id, "project_created", project_id: project.id)
end
