#!/usr/bin/env python3
"""Times the gateway's starts through the launcher, as a new user starts it: spawn of `sh bin/meridian` to the
first 200 from /health/ready (polled every 5 ms), and the process's CPU time (all threads) at that moment, which
a busy machine distorts less than the elapsed time. Without --config: demo mode (no configuration, no provider
key: the embedded default with the in-process simulator).

Several builds are timed in alternation (the machine is noisy): each NAME=JAR gets a data directory and a
class-data archive of its own under --work; its first start records the archive and is reported apart, as
ReadinessTimer does. Wrap it in `flock /tmp/bench.lock` on a shared machine.

  flock /tmp/bench.lock bench/time-starts.py --runs 8 old=/tmp/old/meridian.jar new=meridian-server/target/meridian.jar
  flock /tmp/bench.lock bench/time-starts.py --config my.yaml --runs 8 new=meridian-server/target/meridian.jar
"""
import argparse, os, re, shutil, signal, socket, statistics, subprocess, time


def status(port):
    """The status of GET /health/ready, or -1 when nothing answers."""
    try:
        s = socket.create_connection(('127.0.0.1', port), timeout=1)
    except OSError:
        return -1
    try:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.settimeout(5)
        s.sendall(b'GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
        head = b''
        while len(head) < 12:
            chunk = s.recv(12 - len(head))
            if not chunk:
                return -1
            head += chunk
        return int(head[9:12])
    except (OSError, ValueError):
        return -1
    finally:
        s.close()


def cpu_millis(pid):
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf('SC_CLK_TCK')


def start(args, name, jar, label):
    home = os.path.join(args.work, name)
    os.makedirs(home, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.endswith('_API_KEY') and not k.startswith('MERIDIAN_')}
    env.update(MERIDIAN_JAR=os.path.abspath(jar), MERIDIAN_HOME=home,
               MERIDIAN_CDS_ARCHIVE=os.path.join(home, 'meridian.jsa'), MERIDIAN_PORT=str(args.port),
               MERIDIAN_JAVA_OPTS=args.java_opts)
    command = ['sh', os.path.abspath(args.launcher)]
    if args.config:
        command += ['serve', '--config', os.path.abspath(args.config)]
    log_path = os.path.join(home, f'{label}.log')
    with open(log_path, 'w') as log:
        t0 = time.monotonic_ns()
        p = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=home)
        while status(args.port) != 200:
            if p.poll() is not None:
                raise SystemExit(f'{name} exited; see {log_path}')
            if time.monotonic_ns() - t0 > 60e9:
                raise SystemExit(f'{name} not ready in 60 s; see {log_path}')
            time.sleep(0.005)
        ready = (time.monotonic_ns() - t0) / 1e6
        cpu = cpu_millis(p.pid)
        time.sleep(0.3)  # let the banner and the database's first lines reach the log
        p.send_signal(signal.SIGTERM)
        p.wait()
    while status(args.port) != -1:
        time.sleep(0.01)
    banner = re.search(r'ready in (\d+) ms', open(log_path).read())
    return ready, cpu, banner.group(1) if banner else '?'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('builds', nargs='+', metavar='NAME=JAR')
    parser.add_argument('--runs', type=int, default=8, help='timed starts per build after its first (8)')
    parser.add_argument('--config', help='a configuration file (default: none, demo mode)')
    parser.add_argument('--port', type=int, default=18431, help='the gateway port (18431)')
    parser.add_argument('--launcher', default=os.path.join(os.path.dirname(__file__), '..', 'bin', 'meridian'))
    parser.add_argument('--work', default='/tmp/meridian-starts', help='data directories and archives')
    parser.add_argument('--java-opts', default='', help='MERIDIAN_JAVA_OPTS for every start')
    args = parser.parse_args()
    builds = [b.split('=', 1) for b in args.builds]
    shutil.rmtree(args.work, ignore_errors=True)
    for name, jar in builds:
        ready, cpu, banner = start(args, name, jar, 'first')
        print(f'{name} first start (records the archive): ready {ready:.0f} ms, cpu {cpu:.0f} ms, banner {banner} ms',
              flush=True)
    results = {name: [] for name, _ in builds}
    for i in range(args.runs):
        for name, jar in builds:
            ready, cpu, banner = start(args, name, jar, f'run{i}')
            results[name].append((ready, cpu))
            print(f'{name} run {i}: ready {ready:.0f} ms, cpu {cpu:.0f} ms, banner {banner} ms', flush=True)
    for name, rows in results.items():
        readies = sorted(r for r, _ in rows)
        cpus = [c for _, c in rows]
        print(f'{name}: ready min {readies[0]:.0f} / median {statistics.median(readies):.0f} / max {readies[-1]:.0f} ms;'
              f' cpu at ready median {statistics.median(cpus):.0f} ms ({len(rows)} starts)')


if __name__ == '__main__':
    main()
