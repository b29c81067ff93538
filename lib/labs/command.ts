// Splits one kubectl command line of a lab step into arguments, with the quoting a shell user
// expects ('single', "double", backslash). Lab steps are single commands: pipes, redirections,
// variables and `;` are refused so a step means the same on every backend.

export class CommandSyntaxError extends Error {}

export function splitWords(line: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new CommandSyntaxError(`unterminated ' in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        cur += line[j];
      }
      if (j >= line.length) throw new CommandSyntaxError(`unterminated " in: ${line}`);
      i = j;
      inWord = true;
    } else if (c === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else if ("|&;<>$`".includes(c)) {
      throw new CommandSyntaxError(`a lab step is one kubectl command: "${c}" is not allowed in: ${line}`);
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** "kubectl get pods" → ["get", "pods"]; the leading "kubectl" is optional. */
export function kubectlArgs(line: string): string[] {
  const w = splitWords(line);
  return w[0] === "kubectl" ? w.slice(1) : w;
}
