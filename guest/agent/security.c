/* Capabilities the way Docker grants them by default. */
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "agent.h"

static const int default_caps[] = {
    CAP_CHOWN,  CAP_DAC_OVERRIDE, CAP_FSETID,     CAP_FOWNER,     CAP_MKNOD,       CAP_NET_RAW,     CAP_SETGID,
    CAP_SETUID, CAP_SETFCAP,      CAP_SETPCAP,    CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT, CAP_KILL, CAP_AUDIT_WRITE,
};

static int is_default(int cap) {
  for (unsigned i = 0; i < sizeof default_caps / sizeof *default_caps; i++)
    if (default_caps[i] == cap) return 1;
  return 0;
}

int drop_bounding_set(int privileged) {
  if (privileged) return 0;
  for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
    if (!is_default(cap) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) return -1;
  return 0;
}

int apply_security(int privileged, int no_new_privs, int root) {
  if (!privileged && root) {
    struct __user_cap_header_struct head = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2] = {{0}};
    for (unsigned i = 0; i < sizeof default_caps / sizeof *default_caps; i++) {
      int cap = default_caps[i];
      data[cap / 32].effective |= 1u << (cap % 32);
    }
    for (int i = 0; i < 2; i++) data[i].permitted = data[i].inheritable = data[i].effective;
    if (syscall(SYS_capset, &head, data) < 0) return -1;
  }
  if (no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) return -1;
  return 0;
}
