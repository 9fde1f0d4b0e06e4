/** The learner's shell prompt (PS1 in guest/rootfs/etc/profile) as the console shows it. */
export const PROMPT = /root@drydock:[^\r\n]*# (\x1b\[6n)?$/;
