// Escape probes run from inside a function's sandbox. Each probe tries one thing a hostile function would try and
// prints one JSON line: {"probe":"…","worked":true|false,"detail":"…"}. "worked" means the attempt succeeded.
// Control probes ("control-…") must work; they prove the probes ran in a live sandbox at all.
// Usage: escape-probes <platform host pid>
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *probe, int worked, const char *detail)
{
    printf("{\"probe\":\"%s\",\"worked\":%s,\"detail\":\"", probe, worked ? "true" : "false");
    for (const char *p = detail; *p; p++) {
        if (*p == '"' || *p == '\\') putchar('\\');
        if ((unsigned char)*p >= 0x20) putchar(*p);
    }
    printf("\"}\n");
    fflush(stdout);
}

// A call that returned -1 did not escape; anything else did.
static void syscall_probe(const char *probe, long result)
{
    if (result == -1) report(probe, 0, strerror(errno));
    else report(probe, 1, "call succeeded");
}

// For calls the seccomp filter refuses: only its answers (EPERM, or ENOSYS for clone3) count as refused. Any other
// error means the call reached the kernel, which is what the filter exists to prevent.
static void filtered_probe(const char *probe, long result)
{
    if (result == -1 && (errno == EPERM || errno == ENOSYS)) report(probe, 0, strerror(errno));
    else report(probe, 1, result == -1 ? strerror(errno) : "call succeeded");
}

static void open_probe(const char *probe, const char *path, int flags)
{
    int fd = open(path, flags, 0600);
    if (fd >= 0) { close(fd); report(probe, 1, path); }
    else report(probe, 0, strerror(errno));
}

// Counts files under a tree that open for writing (each write would reach the kernel or the host).
static int writable_files(const char *dir, int depth, int *seen)
{
    if (depth > 8) return 0;
    DIR *d = opendir(dir);
    if (!d) return 0;
    int writable = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) { writable += writable_files(path, depth + 1, seen); continue; }
        if (!S_ISREG(st.st_mode)) continue;
        (*seen)++;
        int fd = open(path, O_WRONLY | O_NONBLOCK);
        if (fd >= 0) { writable++; close(fd); }
    }
    closedir(d);
    return writable;
}

static void tree_probe(const char *probe, const char *dir)
{
    int seen = 0;
    int writable = writable_files(dir, 0, &seen);
    char detail[128];
    snprintf(detail, sizeof detail, "%d of %d files writable", writable, seen);
    report(probe, writable > 0, detail);
}

static void clone_probe(const char *probe, unsigned long flags)
{
    long pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) _exit(0);
    if (pid > 0) { waitpid((pid_t)pid, NULL, 0); report(probe, 1, "child started"); return; }
    filtered_probe(probe, -1);
}

static void clone3_probe(void)
{
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = CLONE_NEWUSER;
    args.exit_signal = SIGCHLD;
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0) _exit(0);
    if (pid > 0) { waitpid((pid_t)pid, NULL, 0); report("clone3-newuser", 1, "child started"); return; }
    filtered_probe("clone3-newuser", -1);
}

static void pids_probe(void)
{
    // Past the pids limit forks fail; a sandbox without one lets all of them through.
    enum { Attempts = 600 };
    pid_t children[Attempts];
    int started = 0;
    for (; started < Attempts; started++) {
        pid_t pid = fork();
        if (pid == 0) { pause(); _exit(0); }
        if (pid < 0) break;
        children[started] = pid;
    }
    for (int i = 0; i < started; i++) kill(children[i], SIGKILL);
    for (int i = 0; i < started; i++) waitpid(children[i], NULL, 0);
    char detail[64];
    snprintf(detail, sizeof detail, "%d of %d forks succeeded", started, Attempts);
    report("pids-fork-bomb", started == Attempts, detail);
}

static void tmp_probe(void)
{
    // /tmp is a size-limited tmpfs: writing past its size fails with ENOSPC.
    const long limit_mb = 600;
    int fd = open("/tmp/fill", O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (fd < 0) { report("tmp-fill", 0, strerror(errno)); return; }
    static char block[1 << 20];
    memset(block, 'x', sizeof block);
    long long bytes = 0;
    int error = 0;
    while (bytes < limit_mb * (long long)sizeof block) {
        ssize_t n = write(fd, block, sizeof block);
        if (n < 0) { error = errno; break; }
        bytes += n; // a short write fills the last pages; the next one fails
    }
    long written = (long)(bytes / (1 << 20));
    close(fd);
    unlink("/tmp/fill");
    char detail[96];
    snprintf(detail, sizeof detail, "wrote %ld MB, then %s", written, error ? strerror(error) : "no error");
    report("tmp-fill", written >= limit_mb, detail);
}

int main(int argc, char **argv)
{
    pid_t host_pid = argc > 1 ? (pid_t)atoi(argv[1]) : 1;
    const char *only = argc > 2 ? argv[2] : "";

    // Outside a sandbox these probes would do to the host what they try (ptrace its init, mount, fill /tmp): run
    // only as the sandbox user.
    if (getuid() != 993) {
        report("control-sandboxed", 0, "not the sandbox user: no probe was run");
        return 0;
    }

    if (strcmp(only, "pids") == 0) { pids_probe(); return 0; }
    if (strcmp(only, "tmp") == 0) { tmp_probe(); return 0; }

    // Controls: a live sandbox lets a function do these.
    syscall_probe("control-write-tmp", open("/tmp/probe-control", O_CREAT | O_WRONLY, 0600) >= 0 ? 0 : -1);
    report("control-uid", getuid() == 993, getuid() == 993 ? "uid 993" : "unexpected uid");

    // The kernel's settings and devices.
    open_probe("sysctl-core-pattern", "/proc/sys/kernel/core_pattern", O_WRONLY);
    open_probe("sysctl-lease-break-time", "/proc/sys/fs/lease-break-time", O_WRONLY);
    tree_probe("sysctl-any-writable", "/proc/sys");
    open_probe("proc-sysrq-trigger", "/proc/sysrq-trigger", O_WRONLY);
    tree_probe("sys-any-writable", "/sys");
    open_probe("sys-cgroup-procs", "/sys/fs/cgroup/cgroup.procs", O_WRONLY);
    open_probe("proc-kcore-read", "/proc/kcore", O_RDONLY);
    syscall_probe("mknod-block-device", mknod("/tmp/disk", S_IFBLK | 0600, makedev(8, 0)));

    // Files of the host and the sandbox's read-only parts.
    open_probe("etc-shadow-read", "/etc/shadow", O_RDONLY);
    open_probe("etc-passwd-write", "/etc/passwd", O_WRONLY);
    open_probe("code-write", "/var/task/written-by-probe", O_CREAT | O_WRONLY);
    open_probe("usr-write", "/usr/bin/written-by-probe", O_CREAT | O_WRONLY);

    // Privilege.
    syscall_probe("setuid-root", setuid(0));
    syscall_probe("raw-socket", socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
    syscall_probe("chroot", chroot("/tmp"));

    // Other processes: the sandbox's own pid 1 (bubblewrap) and the platform's host pid.
    {
        long attached = ptrace(PTRACE_ATTACH, 1, 0, 0);
        int error = errno;
        if (attached == 0) ptrace(PTRACE_DETACH, 1, 0, 0); // leave the sandbox's init running
        errno = error;
        filtered_probe("ptrace-attach-pid1", attached);
    }
    {
        char buffer[16];
        struct iovec local = { buffer, sizeof buffer }, remote = { (void *)0x400000, sizeof buffer };
        filtered_probe("process-vm-readv-pid1", process_vm_readv(1, &local, 1, &remote, 1, 0));
    }
    syscall_probe("kill-platform", kill(host_pid, 0));

    // Mounts and namespaces.
    mkdir("/tmp/mnt", 0700);
    filtered_probe("mount-tmpfs", mount("none", "/tmp/mnt", "tmpfs", 0, NULL));
    filtered_probe("umount-code", umount2("/var/task", MNT_DETACH));
    filtered_probe("unshare-user", unshare(CLONE_NEWUSER));
    filtered_probe("unshare-mount", unshare(CLONE_NEWNS));
    filtered_probe("unshare-net", unshare(CLONE_NEWNET));
    clone_probe("clone-newuser", CLONE_NEWUSER);
    clone_probe("clone-newpid", CLONE_NEWPID);
    clone3_probe();
    {
        int fd = open("/proc/1/ns/mnt", O_RDONLY);
        if (fd < 0) report("setns-pid1-mount", 0, strerror(errno));
        else filtered_probe("setns-pid1-mount", setns(fd, 0));
        if (fd >= 0) close(fd);
    }

    // The kernel's large attack surfaces.
    {
        union bpf_attr attr;
        memset(&attr, 0, sizeof attr);
        attr.map_type = BPF_MAP_TYPE_ARRAY;
        attr.key_size = 4;
        attr.value_size = 4;
        attr.max_entries = 1;
        filtered_probe("bpf-map-create", syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr));
    }
    {
        struct perf_event_attr attr;
        memset(&attr, 0, sizeof attr);
        attr.type = PERF_TYPE_SOFTWARE;
        attr.size = sizeof attr;
        attr.config = PERF_COUNT_SW_CPU_CLOCK;
        attr.disabled = 1;
        attr.exclude_kernel = 1;
        filtered_probe("perf-event-open", syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
    }
    filtered_probe("userfaultfd", syscall(SYS_userfaultfd, O_CLOEXEC));
    {
        struct io_uring_params params;
        memset(&params, 0, sizeof params);
        filtered_probe("io-uring-setup", syscall(SYS_io_uring_setup, 4, &params));
    }
    filtered_probe("keyctl-add-key", syscall(SYS_add_key, "user", "fathom-probe", "x", 1, -2 /* KEY_SPEC_PROCESS_KEYRING */));
    filtered_probe("kexec-load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
    filtered_probe("init-module", syscall(SYS_init_module, NULL, 0, ""));
    filtered_probe("reboot", syscall(SYS_reboot, 0xfee1dead, 672274793, 0 /* no such command: harmless even if allowed */, NULL));
    filtered_probe("open-by-handle-at", syscall(SYS_open_by_handle_at, AT_FDCWD, NULL, 0));
    return 0;
}
