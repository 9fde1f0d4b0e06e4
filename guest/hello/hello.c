/* hello-world for Drydock: a static i686 program with no C library, so the image is one small
 * file. It explains, in our words, what Docker did to run it. */
static const char message[] =
    "\n"
    "Hello from Drydock!\n"
    "This message shows that your installation appears to be working correctly.\n"
    "\n"
    "Here is what just happened, step by step:\n"
    " 1. The docker client sent your command to the Docker daemon as HTTP requests\n"
    "    (the Docker Engine API).\n"
    " 2. The daemon did not have the \"hello-world\" image, so it pulled it from a registry:\n"
    "    a manifest, a config and one layer, each checked against its sha256 digest.\n"
    " 3. The daemon created a new container from that image: its own process tree, hostname\n"
    "    and file system, made from the image's layers plus a writable layer on top.\n"
    " 4. The daemon started the program inside it (this one), and streamed its output back\n"
    "    to the client, which printed it in your terminal.\n"
    "\n"
    "Try something more ambitious: a shell inside a container.\n"
    " $ docker run -it busybox sh\n"
    "\n"
    "Everything here runs in your browser tab: the Linux host is emulated by v86.\n"
    "\n";

static long sys(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
  return r;
}

void _start(void) {
  sys(4, 1, (long)message, sizeof message - 1); /* write(1, ...) */
  sys(1, 0, 0, 0);                              /* exit(0) */
  for (;;) {}
}
