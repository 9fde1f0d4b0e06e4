/* drydock-agent: started by the guest's init, respawned if it dies. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "agent.h"

#define CHANNEL "/dev/hvc1"

#define TRASH_DIR "/run/drydock/trash"

static void empty_trash(void *ctx, struct out *reply) {
  (void)ctx, (void)reply;
  rm_rf(TRASH_DIR);
}

/* A new agent (the last one crashed and init respawned us) owns nothing it did not make: the
 * engine has been told its containers died, so make it true. Their processes and mounts go
 * now; their files, which may take long to delete, go to the trash for a helper. */
static void clean_up_leftovers(void) {
  DIR *d = opendir(CONTAINERS_DIR);
  for (struct dirent *e; d && (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    mkdir(TRASH_DIR, 0700);
    retire_container(e->d_name, TRASH_DIR);
  }
  if (d) closedir(d);
  struct stat st;
  if (stat(TRASH_DIR, &st) == 0) helper_start(0, "emptying the trash", empty_trash, NULL);
}

int main(int argc, char **argv) {
  /* The same binary is the guest's /usr/bin/docker (guest/shim). */
  const char *name = strrchr(argv[0], '/');
  name = name ? name + 1 : argv[0];
  if (!strcmp(name, "docker")) return shim_main(argc, argv);
  if (!strcmp(name, "curl")) return tool_main(name, argc, argv);
  /* Exec'd processes that lose their parent come back to us, not to init. Their exits (and the
   * trash helper's) wait, blocked, for the loop's signalfd. */
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  sigset_t children;
  sigemptyset(&children);
  sigaddset(&children, SIGCHLD);
  sigprocmask(SIG_BLOCK, &children, NULL);
  signal(SIGPIPE, SIG_IGN);
  umask(022);
  self_pidns = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
  self_netns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  mkdir_p(CONTAINERS_DIR, 0700);
  mkdir_p(CGROUP_ROOT, 0755);
  /* Containers' cgroups are children of ours: hand them the controllers Docker limits. */
  write_file(CGROUP_ROOT "/cgroup.subtree_control", "+cpu +memory +pids");
  clean_up_leftovers();

  /* The port appears when the virtio-console driver has probed; an emulator without one
   * leaves the agent waiting rather than respawning in a loop. */
  while (channel_open(CHANNEL) < 0) sleep(5);

  return agent_serve();
}
