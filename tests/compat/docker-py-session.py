"""What a docker-py user sees of the daemon at DOCKER_HOST, as JSON on stdout (asserted by docker-py.test.ts)."""
import json

import docker

client = docker.from_env()
seen = {"sdk": docker.__version__}

# containers.run() reads the container's LogConfig to decide whether it can return the output.
seen["run"] = client.containers.run("busybox", "echo hi").decode()

sleeper = client.containers.run("busybox", ["sleep", "60"], detach=True, name="py-sleeper")
quitter = client.containers.run("busybox", ["sh", "-c", "echo out; echo err >&2; exit 3"], detach=True, name="py-quitter")
seen["wait"] = quitter.wait()
seen["logs"] = quitter.logs().decode()
seen["stdout"] = quitter.logs(stderr=False).decode()
seen["running"] = sorted(c.name for c in client.containers.list())
seen["all"] = sorted(c.name for c in client.containers.list(all=True, filters={"name": "py-"}))
sleeper.reload()
seen["status"] = sleeper.status
seen["attrs"] = {
    "Name": sleeper.attrs["Name"],
    "Cmd": sleeper.attrs["Config"]["Cmd"],
    "LogConfig": sleeper.attrs["HostConfig"]["LogConfig"],
    "NetworkMode": sleeper.attrs["HostConfig"]["NetworkMode"],
    "Running": sleeper.attrs["State"]["Running"],
}
seen["image"] = sleeper.image.tags
sleeper.remove(force=True)
quitter.remove()
seen["left"] = sorted(c.name for c in client.containers.list(all=True, filters={"name": "py-"}))

seen["images"] = sorted(tag for image in client.images.list() for tag in image.tags)
info = client.info()
seen["info"] = {key: info[key] for key in ("OperatingSystem", "OSType", "Architecture", "LoggingDriver", "Images")}
version = client.version()
seen["version"] = {key: version[key] for key in ("ApiVersion", "Os", "Arch")}
df = client.df()
seen["df"] = {
    "images": [(image["RepoTags"], image["Containers"], image["SharedSize"]) for image in df["Images"]],
    "layersIsTheImagesSize": df["LayersSize"] == sum(image["Size"] for image in df["Images"]),
}
print(json.dumps(seen))
