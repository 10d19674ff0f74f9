#!/usr/bin/env node
import { createRequire as __secretsentryCreateRequire } from 'node:module';
const require = __secretsentryCreateRequire(import.meta.url);
import {
  TransferError,
  downloadBody,
  uploadBody
} from "./chunk-FWLTOBCD.js";
import {
  ApiError,
  BODY_KEY_BYTES,
  CliError,
  DEFAULT_RECORD_SIZE,
  EXIT,
  HEADER_BYTES,
  LIMITS,
  MAX_RECORD_SIZE,
  MIN_RECORD_SIZE,
  RECORD_OVERHEAD,
  SALT_BYTES,
  SecretTooLargeError,
  UndecryptableError,
  checkRecordSize,
  checkRequestKey,
  createApiClient,
  decodeText,
  deriveBodyKey,
  destroyRevealed,
  encryptedBodyLength,
  exitName,
  fillSecretRequest,
  forTerminal,
  fromApiError,
  linksFor,
  networkCause,
  newSecretKeys,
  notFilled,
  notYetOpen,
  oneLine,
  openReceipt,
  parseLink,
  parseLinkSecret,
  parseManageSecret,
  prepareReveal,
  promptOnTerminal,
  readSecret,
  requestSecret,
  resolvePassphrase,
  revealSecret,
  safeFileName,
  sealManifest,
  shareSecret,
  usage,
  write,
  writeLabelled
} from "./chunk-PKWMI6SP.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-FI25U3UK.js";

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path3 = __require("node:path");
    var fs = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write2) => write2(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path3.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path3.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path3.resolve(
            path3.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path3.basename(
              this._scriptPath,
              path3.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path3.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path3.basename(filename, path3.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path4) {
        if (path4 === void 0) return this._executableDir;
        this._executableDir = path4;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write2 = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write: write2, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// cli/commands/share.ts
import { randomInt } from "node:crypto";

// core/body-stream.ts
var IN_FLIGHT = 4;
var TAG_BYTES = 16;
var MORE = 1;
var LAST = 2;
var CEK_INFO = "Content-Encoding: aes128gcm\0";
var NONCE_INFO = "Content-Encoding: nonce\0";
var encoder = new TextEncoder();
var subtle = () => globalThis.crypto.subtle;
var BodyIntegrityError = class extends Error {
  reason;
  constructor(reason, message) {
    super(message);
    this.name = "BodyIntegrityError";
    this.reason = reason;
  }
};
var webCryptoRecords = async (cek, usage2) => {
  const key = await subtle().importKey("raw", cek, "AES-GCM", false, [usage2]);
  const params = (iv) => ({ name: "AES-GCM", iv, tagLength: TAG_BYTES * 8 });
  return {
    seal: async (nonce, plaintext) => new Uint8Array(await subtle().encrypt(params(nonce), key, plaintext)),
    open: async (nonce, sealed) => new Uint8Array(await subtle().decrypt(params(nonce), key, sealed))
  };
};
function encryptBody(ikm, options = {}) {
  checkBodyKey(ikm);
  const recordSize = options.recordSize ?? DEFAULT_RECORD_SIZE;
  checkRecordSize(recordSize);
  const salt = options.salt ?? globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  if (salt.length !== SALT_BYTES) throw new TypeError("the body salt must be 16 bytes");
  const capacity = recordSize - RECORD_OVERHEAD;
  const record = new Uint8Array(capacity + 1);
  let filled = 0;
  let seq = 0;
  let keys;
  const sealing = new InFlight();
  const pass = (sealed, controller) => {
    if (ArrayBuffer.isView(sealed)) controller.enqueue(sealed);
    else for (const piece of sealed) controller.enqueue(piece);
  };
  function seal(delimiter) {
    record[filled] = delimiter;
    const iv = nonceFor(keys.nonceBase, seq);
    const input = record.subarray(0, filled + 1);
    sealing.add(settle(() => keys.cipher.seal(iv, input)));
    seq += 1;
    filled = 0;
  }
  return new TransformStream({
    async start(controller) {
      keys = await recordKeys(ikm, salt, "encrypt", options.cipher);
      controller.enqueue(writeHeader(salt, recordSize));
    },
    async transform(chunk, controller) {
      checkChunk(chunk);
      let offset = 0;
      while (offset < chunk.length) {
        if (filled === capacity) {
          seal(MORE);
          while (sealing.size >= IN_FLIGHT) pass(await sealing.next(), controller);
        }
        const take = Math.min(capacity - filled, chunk.length - offset);
        record.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
      }
    },
    async flush(controller) {
      seal(LAST);
      while (sealing.size > 0) pass(await sealing.next(), controller);
    }
  });
}
function decryptBody(ikm, options = {}) {
  checkBodyKey(ikm);
  const header = new Uint8Array(HEADER_BYTES);
  let headerFilled = 0;
  let recordSize = 0;
  let record = new Uint8Array(0);
  let filled = 0;
  let seq = 0;
  let opened = 0;
  let ended = false;
  let keys;
  const opening = new InFlight();
  function open3(sealed) {
    const number = seq;
    const iv = nonceFor(keys.nonceBase, number);
    opening.add(
      settle(() => keys.cipher.open(iv, sealed)).catch(() => {
        throw new BodyIntegrityError(
          "authentication",
          `record ${number} of the body failed authentication: wrong key, or altered, reordered or cut short`
        );
      })
    );
    seq += 1;
  }
  async function drain(controller, keep) {
    while (opening.size > keep) {
      if (ended) throw trailingData();
      const plain = await opening.next();
      let end = plain.length - 1;
      while (end >= 0 && plain[end] === 0) end -= 1;
      const delimiter = plain[end];
      if (delimiter !== MORE && delimiter !== LAST) {
        throw new BodyIntegrityError(
          "padding",
          `record ${opened} of the body has no valid delimiter`
        );
      }
      ended = delimiter === LAST;
      opened += 1;
      if (end > 0) controller.enqueue(plain.subarray(0, end));
    }
  }
  function readHeader() {
    if (header[HEADER_BYTES - 1] !== 0) {
      throw new BodyIntegrityError(
        "keyid",
        "the body names a key id; SecretSentry bodies have none (the key comes from the link)"
      );
    }
    recordSize = new DataView(header.buffer).getUint32(SALT_BYTES);
    if (recordSize < MIN_RECORD_SIZE || recordSize > MAX_RECORD_SIZE) {
      throw new BodyIntegrityError(
        "record-size",
        `the body's record size ${recordSize} is outside ${MIN_RECORD_SIZE}..${MAX_RECORD_SIZE}`
      );
    }
    record = new Uint8Array(recordSize);
    return recordKeys(ikm, header.subarray(0, SALT_BYTES), "decrypt", options.cipher);
  }
  return new TransformStream({
    async transform(chunk, controller) {
      checkChunk(chunk);
      let offset = 0;
      if (!keys) {
        const take = Math.min(HEADER_BYTES - headerFilled, chunk.length);
        header.set(chunk.subarray(0, take), headerFilled);
        headerFilled += take;
        offset = take;
        if (headerFilled < HEADER_BYTES) return;
        keys = await readHeader();
      }
      while (offset < chunk.length) {
        let sealed;
        if (filled === 0 && chunk.length - offset >= recordSize) {
          sealed = chunk.subarray(offset, offset + recordSize);
          offset += recordSize;
        } else {
          const take = Math.min(recordSize - filled, chunk.length - offset);
          record.set(chunk.subarray(offset, offset + take), filled);
          filled += take;
          offset += take;
          if (filled < recordSize) break;
          sealed = record;
          filled = 0;
        }
        open3(sealed);
        await drain(controller, IN_FLIGHT - 1);
      }
    },
    async flush(controller) {
      if (!keys) throw new BodyIntegrityError("truncated", "the body ends inside its header");
      await drain(controller, 0);
      if (ended && filled > 0) throw trailingData();
      if (!ended && filled > 0) {
        if (filled < RECORD_OVERHEAD) {
          throw new BodyIntegrityError("truncated", `record ${seq} of the body is cut short`);
        }
        open3(record.subarray(0, filled));
        await drain(controller, 0);
      }
      if (!ended) throw new BodyIntegrityError("truncated", "the body ends before its last record");
    }
  });
}
var InFlight = class {
  queue = [];
  get size() {
    return this.queue.length;
  }
  add(work) {
    work.catch(() => void 0);
    this.queue.push(work);
  }
  /** The oldest result; call only while size > 0. */
  next() {
    return this.queue.shift();
  }
};
function trailingData() {
  return new BodyIntegrityError("trailing-data", "the body goes on after its last record");
}
function settle(work) {
  return new Promise((resolve) => resolve(work()));
}
async function recordKeys(ikm, salt, usage2, cipherFor = webCryptoRecords) {
  const hkdfKey = await subtle().importKey("raw", ikm, "HKDF", false, [
    "deriveBits"
  ]);
  const expand = async (info, bytes) => new Uint8Array(
    await subtle().deriveBits(
      { name: "HKDF", hash: "SHA-256", salt, info: encoder.encode(info) },
      hkdfKey,
      bytes * 8
    )
  );
  const cek = await expand(CEK_INFO, 16);
  try {
    return { cipher: await cipherFor(cek, usage2), nonceBase: await expand(NONCE_INFO, 12) };
  } finally {
    cek.fill(0);
  }
}
function nonceFor(base, seq) {
  const nonce = Uint8Array.from(base);
  let rest = seq;
  for (let i = nonce.length - 1; rest > 0; i -= 1) {
    nonce[i] = (nonce[i] ?? 0) ^ rest % 256;
    rest = Math.floor(rest / 256);
  }
  return nonce;
}
function writeHeader(salt, recordSize) {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(SALT_BYTES, recordSize);
  return header;
}
function checkBodyKey(ikm) {
  if (ikm.length !== BODY_KEY_BYTES) {
    throw new TypeError(
      "the body key must be 16 bytes: derive it from the link key (deriveBodyKey)"
    );
  }
}
function checkChunk(chunk) {
  if (!ArrayBuffer.isView(chunk) || chunk.BYTES_PER_ELEMENT !== 1) {
    throw new TypeError("a body stream carries Uint8Array chunks");
  }
}

// core/file-flows.ts
var FileTooLargeError = class extends Error {
  constructor() {
    super("The file is too large (at most 1 GiB).");
    this.name = "FileTooLargeError";
  }
};
async function shareFile(client, input) {
  const bodyBytes = encryptedBodyLength(input.file.size);
  if (bodyBytes > LIMITS.fileBodyBytes) throw new FileTooLargeError();
  const withPassphrase = input.passphrase !== void 0 && input.passphrase !== "";
  input.onStep?.("sealing");
  const keys = await newSecretKeys(withPassphrase ? { passphrase: input.passphrase } : {});
  const manifest = await sealManifest(
    { name: input.file.name, type: input.file.type ?? "", size: input.file.size },
    keys.contentKey
  );
  const bodyKey = await deriveBodyKey(keys.contentKey);
  const links = await linksFor(keys, input);
  const created = await client.create({
    file: { manifest, bodyBytes },
    ...links.fields,
    ...input.ttlSeconds === void 0 ? {} : { ttlSeconds: input.ttlSeconds },
    ...keys.passphrase ? { passphrase: keys.passphrase } : {},
    ...input.notBefore === void 0 ? {} : { notBefore: input.notBefore.toISOString() },
    ...input.webhookUrl === void 0 ? {} : { webhook: { url: input.webhookUrl } }
  });
  let sealed;
  try {
    if (created.upload === void 0) throw new Error("the service answered no upload URL");
    input.onStep?.("uploading");
    const parts = await uploadBody(
      created.upload,
      input.file.stream().pipeThrough(encryptBody(bodyKey, input.cipher ? { cipher: input.cipher } : {})),
      bodyBytes,
      {
        ...input.send ? { send: input.send } : {},
        ...input.onProgress ? { onProgress: input.onProgress } : {},
        ...input.concurrency ? { concurrency: input.concurrency } : {},
        ...input.signal ? { signal: input.signal } : {}
      }
    );
    input.signal?.throwIfAborted();
    input.onStep?.("finishing");
    sealed = await client.seal(created.id, created.manageToken, parts);
  } catch (error) {
    await client.revoke(created.id, created.manageToken).catch(() => void 0);
    throw error;
  }
  return {
    id: created.id,
    ...links.build(input.pageOrigin, created.id, created.manageToken),
    expiresAt: sealed.expiresAt,
    ...created.notBefore === void 0 ? {} : { notBefore: created.notBefore },
    ...created.webhookSecret === void 0 ? {} : { webhookSecret: created.webhookSecret },
    maxReads: sealed.maxReads,
    protectedByPassphrase: withPassphrase
  };
}
async function openFileBody(file, options = {}) {
  const body = await downloadBody(file.download.url, file.download.bodyBytes, options);
  return body.pipeThrough(
    decryptBody(file.download.key, options.cipher ? { cipher: options.cipher } : {})
  );
}

// cli/file-source.ts
import { open, stat } from "node:fs/promises";
import path from "node:path";
var TYPES = {
  ".7z": "application/x-7z-compressed",
  ".csv": "text/csv",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".gif": "image/gif",
  ".gz": "application/gzip",
  ".jpeg": "image/jpeg",
  ".jpg": "image/jpeg",
  ".json": "application/json",
  ".kdbx": "application/x-keepass2",
  ".md": "text/markdown",
  ".p12": "application/x-pkcs12",
  ".pdf": "application/pdf",
  ".pem": "application/x-pem-file",
  ".pfx": "application/x-pkcs12",
  ".png": "image/png",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".svg": "image/svg+xml",
  ".tar": "application/x-tar",
  ".txt": "text/plain",
  ".webp": "image/webp",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".yaml": "application/yaml",
  ".yml": "application/yaml",
  ".zip": "application/zip"
};
function mediaTypeOf(name) {
  return TYPES[path.extname(name).toLowerCase()] ?? "application/octet-stream";
}
var READ_BYTES = 1024 * 1024;
var FileChangedError = class extends Error {
  constructor(file) {
    super(`--file ${file} changed while it was being read.`);
    this.name = "FileChangedError";
  }
};
async function regularFile(file) {
  let before;
  try {
    before = await stat(file);
  } catch (error) {
    throw usage(`Cannot read --file ${file}: ${error.code ?? "error"}.`);
  }
  if (!before.isFile()) return void 0;
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw usage(`Cannot read --file ${file}: ${error.code ?? "error"}.`);
  }
  const name = path.basename(file);
  return {
    name,
    type: mediaTypeOf(name),
    size: before.size,
    stream: () => new ReadableStream({
      async pull(controller) {
        const buffer = new Uint8Array(READ_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, null);
        if (bytesRead > 0) return controller.enqueue(buffer.subarray(0, bytesRead));
        const after = await handle.stat();
        await handle.close();
        if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
          return controller.error(new FileChangedError(file));
        }
        controller.close();
      },
      async cancel() {
        await handle.close();
      }
    })
  };
}

// cli/progress.ts
var MiB = 1024 * 1024;
var REDRAW_MS = 200;
function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MiB) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  return `${(bytes / 1024 / MiB).toFixed(2)} GiB`;
}
function progressLine(io, verb, quiet = false) {
  if (quiet || !io.stderr.isTTY) return { update: () => void 0, done: () => void 0 };
  const started = Date.now();
  let drawn = 0;
  let shown = false;
  return {
    update({ done, total }) {
      const now = Date.now();
      if (now - drawn < REDRAW_MS && done < total) return;
      drawn = now;
      const seconds = (now - started) / 1e3;
      const percent = total === 0 ? 100 : Math.floor(done / total * 100);
      const speed = seconds > 0.2 ? `, ${(done / MiB / seconds).toFixed(1)} MiB/s` : "";
      io.stderr.write(
        `\r\x1B[K${verb} ${formatBytes(done)} of ${formatBytes(total)} (${percent}%${speed})`
      );
      shown = true;
    },
    done() {
      if (shown) io.stderr.write("\r\x1B[K");
      shown = false;
    }
  };
}

// cli/duration.ts
var UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 };
function parseDuration(text) {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(text.trim());
  if (!match) throw usage(`--ttl must look like 3600, 90m, 1h or 3d, not "${text}".`);
  const seconds = Number(match[1]) * (UNIT_SECONDS[(match[2] || "s").toLowerCase()] ?? 1);
  const { min, max } = LIMITS.ttlSeconds;
  if (seconds < min || seconds > max) {
    throw usage(`--ttl must be between ${spell(min)} and ${spell(max)}.`);
  }
  return seconds;
}
function parseOpening(text, now, ttlSeconds) {
  const trimmed = text.trim();
  const wait = /^(\d+)\s*([smhd]?)$/i.exec(trimmed);
  let at;
  if (wait) {
    at = now.getTime() + Number(wait[1]) * (UNIT_SECONDS[(wait[2] || "s").toLowerCase()] ?? 1) * 1e3;
  } else {
    const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
    const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(
      trimmed
    );
    if (local) {
      const [, y, mo, d, h, mi, s] = local.map(Number);
      const date = new Date(y, mo - 1, d, h, mi, s || 0);
      at = date.getDate() === d && date.getMonth() === mo - 1 ? date.getTime() : NaN;
    } else {
      at = zoned ? Date.parse(trimmed) : NaN;
    }
    if (Number.isNaN(at)) {
      throw usage(
        `--not-before must be a wait such as 30m or 2h, or a date and time such as 2026-12-02T09:00:00Z or "2026-12-02 09:00" (this machine's time zone), not "${text}".`
      );
    }
  }
  if (at <= now.getTime()) throw usage("--not-before must be in the future.");
  if (at >= now.getTime() + ttlSeconds * 1e3) {
    throw usage(
      "--not-before must come before the secret expires: choose an earlier time or a longer --ttl."
    );
  }
  return new Date(at);
}
function parseReads(text) {
  if (!/^\d+$/.test(text.trim())) throw usage(`--reads must be a whole number, not "${text}".`);
  const reads = Number(text);
  const { min: least, max: most } = LIMITS.maxReads;
  if (reads < least || reads > most) throw usage(`--reads must be between ${least} and ${most}.`);
  return reads;
}
function spell(seconds) {
  for (const [unit, size, word] of [
    ["d", 86400, "day"],
    ["h", 3600, "hour"],
    ["m", 60, "minute"]
  ]) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${word}${n === 1 ? "" : "s"} (${unit === "m" ? `${seconds}s` : `${n}${unit}`})`;
    }
  }
  return `${seconds}s`;
}

// cli/endpoint.ts
var REQUEST_TIMEOUT_MS = 3e4;
var LOOPBACK = /* @__PURE__ */ new Set(["localhost", "127.0.0.1", "[::1]"]);
function checkUrl(text, what) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw usage(`${what} is not a URL: "${text}".`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    throw usage(`${what} must be https (plain http only for localhost): "${text}".`);
  }
  return url;
}
var IDEMPOTENT = /* @__PURE__ */ new Set(["GET", "HEAD", "DELETE"]);
var RETRY_STATUSES = /* @__PURE__ */ new Set([429, 502, 503, 504]);
var RETRY_DELAYS_MS = [300, 1200];
function cliFetch(fetchImpl = globalThis.fetch, delays = RETRY_DELAYS_MS) {
  return async (input, init) => {
    const method = (init?.method ?? "GET").toUpperCase();
    const tries = IDEMPOTENT.has(method) ? delays.length + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetchImpl(input, {
          ...init,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
        });
        if (attempt >= tries || !RETRY_STATUSES.has(response.status)) return response;
        await response.body?.cancel();
      } catch (error) {
        if (attempt >= tries) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
    }
  };
}
async function apiFromPage(pageOrigin, fetchImpl) {
  const configUrl = `${pageOrigin.replace(/\/+$/, "")}/config.json`;
  let response;
  try {
    response = await fetchImpl(configUrl, { cache: "no-store", credentials: "omit" });
  } catch (error) {
    throw new CliError(
      EXIT.unavailable,
      `Could not reach ${configUrl} to find the API (${networkCause(error)}).`,
      { cause: error }
    );
  }
  const config = await response.json().catch(() => ({}));
  if (!response.ok || typeof config.apiUrl !== "string" || config.apiUrl === "") {
    throw new CliError(
      EXIT.unavailable,
      `${configUrl} does not name the API; give --api or SECRETSENTRY_API_URL.`
    );
  }
  return checkUrl(new URL(config.apiUrl, configUrl).href, "The apiUrl in config.json").href;
}
function explicitApi(options, env) {
  const api = options.api ?? (env.SECRETSENTRY_API_URL || void 0);
  return api === void 0 ? void 0 : checkUrl(api, "--api").href;
}
async function endpointsForLink(linkOrigin, options, env, fetchImpl = globalThis.fetch) {
  const fetcher = cliFetch(fetchImpl);
  const page = checkUrl(linkOrigin, "The link");
  const explicit = explicitApi(options, env);
  if (explicit !== void 0 && new URL(explicit).origin === page.origin) {
    return { apiUrl: explicit, client: createApiClient(explicit, fetcher) };
  }
  let apiUrl;
  try {
    apiUrl = await apiFromPage(page.href, fetcher);
  } catch (error) {
    if (explicit === void 0 || !(error instanceof CliError)) throw error;
    throw new CliError(
      error.exitCode,
      `This link belongs to ${page.origin}, and its page did not say which API serves it, so ${explicit} cannot be trusted with the link's token.`
    );
  }
  if (explicit !== void 0 && !sameUrl(explicit, apiUrl)) {
    const source = options.api !== void 0 ? "--api" : "SECRETSENTRY_API_URL";
    throw usage(
      `This link belongs to ${page.origin}, whose API is ${apiUrl}, but ${source} is ${explicit}. Drop ${source} to use the link's own server.`
    );
  }
  return { apiUrl, client: createApiClient(apiUrl, fetcher) };
}
var sameUrl = (a, b) => new URL(a).href.replace(/\/+$/, "") === new URL(b).href.replace(/\/+$/, "");
async function endpointsForShare(options, env, fetchImpl = globalThis.fetch) {
  const fetcher = cliFetch(fetchImpl);
  const page = options.pageUrl ?? (env.SECRETSENTRY_PAGE_URL || void 0);
  const pageOrigin = page === void 0 ? void 0 : checkUrl(page, "--page-url").href;
  let apiUrl = explicitApi(options, env);
  if (apiUrl === void 0) {
    if (pageOrigin === void 0) {
      throw usage(
        "Say where SecretSentry is: --api or SECRETSENTRY_API_URL, or --page-url or SECRETSENTRY_PAGE_URL."
      );
    }
    apiUrl = await apiFromPage(pageOrigin, fetcher);
  }
  const origin = pageOrigin ?? derivePageOrigin(apiUrl);
  return {
    apiUrl,
    pageOrigin: origin.replace(/\/+$/, ""),
    client: createApiClient(apiUrl, fetcher)
  };
}
function derivePageOrigin(apiUrl) {
  const url = new URL(apiUrl);
  const path3 = url.pathname.replace(/\/+$/, "");
  if (!path3.endsWith("/api")) {
    throw usage(
      "Cannot tell the page URL from this API URL; give --page-url or SECRETSENTRY_PAGE_URL."
    );
  }
  return `${url.origin}${path3.slice(0, -"/api".length)}`;
}

// cli/link-label.ts
var labelText = (label) => forTerminal(oneLine(label));
function labelled(label) {
  return label === void 0 || label === "" ? "" : ` (${labelText(label)})`;
}

// cli/records.ts
import { createCipheriv, createDecipheriv, createSecretKey } from "node:crypto";
var TAG_BYTES2 = 16;
var nodeRecords = (cek) => {
  const raw = Buffer.from(cek);
  const key = createSecretKey(raw);
  raw.fill(0);
  return {
    seal(nonce, plaintext) {
      const cipher = createCipheriv("aes-128-gcm", key, nonce, { authTagLength: TAG_BYTES2 });
      const sealed = cipher.update(plaintext);
      const rest = cipher.final();
      return rest.length === 0 ? [sealed, cipher.getAuthTag()] : [sealed, rest, cipher.getAuthTag()];
    },
    open(nonce, sealed) {
      if (sealed.length < TAG_BYTES2) throw new Error("the record is shorter than its tag");
      const data = sealed.length - TAG_BYTES2;
      const decipher = createDecipheriv("aes-128-gcm", key, nonce, { authTagLength: TAG_BYTES2 });
      decipher.setAuthTag(sealed.subarray(data));
      const plain = decipher.update(sealed.subarray(0, data));
      const rest = decipher.final();
      return rest.length === 0 ? plain : Buffer.concat([plain, rest]);
    }
  };
};

// cli/commands/share.ts
async function share(options, io) {
  const maxReads = parseReads(options.reads);
  const recipients = recipientsOf(options, maxReads);
  const ttlSeconds = parseDuration(options.ttl);
  const notBefore = options.notBefore === void 0 ? void 0 : parseOpening(options.notBefore, /* @__PURE__ */ new Date(), ttlSeconds);
  const generated = options.generate === void 0 ? void 0 : generatePassword(options);
  const endpoints = await endpointsForShare(options, io.env);
  const file = options.file !== void 0 && options.file !== "-" && generated === void 0 ? await regularFile(options.file) : void 0;
  const secret = file !== void 0 ? void 0 : generated === void 0 ? await readSecret(io, options.file) : new TextEncoder().encode(generated);
  const passphrase = await resolvePassphrase(io, {
    passphraseFile: options.passphraseFile,
    prompt: options.passphrase === true,
    confirm: true,
    missing: new CliError(
      EXIT.usage,
      "--passphrase needs a terminal to ask on; use --passphrase-file or SECRETSENTRY_PASSPHRASE."
    )
  });
  const common = {
    pageOrigin: endpoints.pageOrigin,
    maxReads,
    ttlSeconds,
    ...notBefore === void 0 ? {} : { notBefore },
    ...options.webhook === void 0 ? {} : { webhookUrl: webhookUrl(options.webhook) },
    ...passphrase === void 0 ? {} : { passphrase },
    ...recipients === void 0 ? {} : { recipients }
  };
  let shared;
  const progress = progressLine(io, "Uploading", options.json === true);
  try {
    shared = file === void 0 ? await shareSecret(endpoints.client, { ...common, secret }) : await shareFile(endpoints.client, {
      ...common,
      file,
      onProgress: progress.update,
      // Loaded for files only: text shares start without parsing undici.
      send: (await import("./vault-sender-L43K3PUQ.js")).undiciSender,
      cipher: nodeRecords
    });
  } catch (error) {
    progress.done();
    if (error instanceof FileTooLargeError) throw usage(error.message);
    if (error instanceof FileChangedError) throw usage(`${error.message} Nothing was shared.`);
    if (error instanceof TransferError) {
      throw new CliError(
        error.retryable ? EXIT.unavailable : EXIT.failed,
        `The upload failed: ${error.message} Nothing was shared.`,
        { cause: error }
      );
    }
    throw fromApiError(error);
  }
  progress.done();
  if (shared.recipients) {
    await printRecipientLinks(shared, shared.recipients, options, generated, io);
    return;
  }
  const link2 = options.keySeparately ? shared.link.slice(0, shared.link.indexOf("#")) : shared.link;
  const { manageLink } = shared;
  if (options.json) {
    const result = {
      link: link2,
      ...options.keySeparately ? { key: shared.key } : {},
      ...options.manage ? { manageLink } : {},
      ...generated !== void 0 ? { secret: generated } : {},
      id: shared.id,
      expiresAt: shared.expiresAt,
      ...shared.notBefore === void 0 ? {} : { notBefore: shared.notBefore },
      ...shared.webhookSecret === void 0 ? {} : { webhookSecret: shared.webhookSecret },
      maxReads: shared.maxReads,
      passphrase: shared.protectedByPassphrase
    };
    await write(io.stdout, JSON.stringify(result) + "\n");
    return;
  }
  const lines = [
    link2,
    ...options.keySeparately ? [shared.key] : [],
    ...options.manage ? [manageLink] : [],
    // The sender's only copy of the password: printed once, last, to stdout (never stderr).
    ...generated !== void 0 ? [generated] : [],
    // The webhook's signing key, answered once: stdout too, after everything else.
    ...shared.webhookSecret !== void 0 ? [shared.webhookSecret] : []
  ];
  await write(io.stdout, lines.join("\n") + "\n");
  if (io.stderr.isTTY) {
    const reads = shared.maxReads === 1 ? "once" : `${shared.maxReads} times`;
    const opens = shared.notBefore === void 0 ? "" : `opens ${shared.notBefore}; `;
    await write(io.stderr, `Can be read ${reads}; ${opens}expires ${shared.expiresAt}.
`);
  }
}
function recipientsOf(options, maxReads) {
  const { min, max } = LIMITS.recipients;
  if (options.recipients !== void 0 && options.to !== void 0) {
    throw usage(
      "Give --recipients N for unlabelled links or --to LABEL once per recipient, not both."
    );
  }
  if (options.to !== void 0) {
    if (options.to.length > max) {
      throw usage(`A secret has at most ${max} recipients, not ${options.to.length} (--to).`);
    }
    options.to.forEach((label, i) => {
      const which = `--to number ${i + 1}`;
      if (label.trim() === "") throw usage(`${which} is empty: give each recipient a label.`);
      const length = [...label.normalize("NFC")].length;
      if (length > LIMITS.labelChars) {
        throw usage(
          `${which} is ${length} characters long; a label is at most ${LIMITS.labelChars}.`
        );
      }
      if (/[\u0000-\u001f\u007f-\u009f]/.test(label)) {
        throw usage(`${which} holds a control character (a newline, a tab, an escape).`);
      }
    });
    return options.to.map((label) => ({ label, maxReads }));
  }
  if (options.recipients === void 0) return void 0;
  const text = options.recipients.trim();
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(count >= min && count <= max)) {
    throw usage(
      `--recipients takes a whole number from ${min} to ${max}, not "${options.recipients}".`
    );
  }
  return Array.from({ length: count }, () => ({ maxReads }));
}
function splitKey(link2) {
  const hash = link2.indexOf("#");
  return { link: link2.slice(0, hash), key: link2.slice(hash + 1) };
}
async function printRecipientLinks(shared, links, options, generated, io) {
  const apart = options.keySeparately === true;
  if (options.json) {
    const result = links.map((recipient) => ({
      // `number` as people count it (what revoke --recipient takes); `index` is the API's, from 0.
      number: recipient.index + 1,
      index: recipient.index,
      ...recipient.label === void 0 ? {} : { label: recipient.label },
      ...apart ? splitKey(recipient.link) : { link: recipient.link },
      ...options.manage ? { manageLink: shared.manageLink } : {},
      ...generated !== void 0 ? { secret: generated } : {},
      id: shared.id,
      expiresAt: shared.expiresAt,
      ...shared.notBefore === void 0 ? {} : { notBefore: shared.notBefore },
      ...shared.webhookSecret === void 0 ? {} : { webhookSecret: shared.webhookSecret },
      maxReads: recipient.maxReads,
      passphrase: shared.protectedByPassphrase
    }));
    await write(io.stdout, JSON.stringify(result) + "\n");
    return;
  }
  const lines = links.flatMap((recipient) => {
    const name = `Link ${recipient.index + 1}${labelled(recipient.label)}`;
    const reads = recipient.maxReads === 1 ? "once" : `${recipient.maxReads} times`;
    if (!apart) return [[`${name}: can be read ${reads}.`, recipient.link]];
    const { link: link2, key } = splitKey(recipient.link);
    return [
      [`${name}, without its key: can be read ${reads}.`, link2],
      [`Key of link ${recipient.index + 1}: send it apart from its link.`, key]
    ];
  });
  if (options.manage) {
    lines.push([
      "Manage link: receipt, and revoke (one link with --recipient N).",
      shared.manageLink
    ]);
  }
  if (generated !== void 0) lines.push(["The password: your only copy.", generated]);
  if (shared.webhookSecret !== void 0) {
    lines.push(["The webhook's signing secret, shown this once.", shared.webhookSecret]);
  }
  const opens = shared.notBefore === void 0 ? "" : `open ${shared.notBefore} and `;
  await writeLabelled(io, lines, `The links ${opens}expire ${shared.expiresAt}.`);
}
var ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
var GENERATE = { default: 24, min: 12, max: 128 };
function generatePassword(options) {
  if (options.file !== void 0) throw usage("--generate makes the secret: drop --file.");
  const text = options.generate === true ? String(GENERATE.default) : String(options.generate);
  const length = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(length >= GENERATE.min && length <= GENERATE.max)) {
    throw usage(
      `--generate takes a length from ${GENERATE.min} to ${GENERATE.max}, not "${text}".`
    );
  }
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}
function webhookUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw usage(
      "--webhook must be an absolute https URL, e.g. https://hooks.example.com/secretsentry."
    );
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    throw usage("--webhook must be an https URL.");
  if (url.username !== "" || url.password !== "")
    throw usage("--webhook must not carry a user name or password.");
  return text;
}

// cli/output.ts
import { randomBytes } from "node:crypto";
import { constants, fstatSync, writeSync } from "node:fs";
import { link, lstat, open as open2, rename, rm, unlink } from "node:fs/promises";
import path2 from "node:path";
var SINKS = { [1 << 8 | 3]: "/dev/null", [1 << 8 | 7]: "/dev/full" };
async function prepareDestination(io, options, name, kind = "text") {
  if (options.out !== void 0 && options.out !== "-") {
    return prepareFile(options.out, {
      replace: options.force === true,
      what: `--out ${options.out}`
    });
  }
  if (kind === "file" && io.stdout.isTTY && options.force !== true) {
    return prepareFile(path2.join(".", `secretsentry-${name}`), {
      replace: false,
      what: "a file in the current folder",
      nameLater: true
    });
  }
  checkStdout(io);
  return {
    deliver: async (plaintext) => {
      try {
        await toStdout(io, plaintext, options.force === true, name);
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw lostAfterRead(error);
      }
    },
    deliverFile: async (_name, body) => {
      const reader = body.getReader();
      try {
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          await toStdoutExactly(io, next.value);
        }
      } catch (error) {
        await reader.cancel().catch(() => void 0);
        throw lostAfterRead(error, "stdout got the file only in part");
      }
      return void 0;
    },
    abandon: async () => void 0
  };
}
function checkStdout(io) {
  if (io.stdout !== process.stdout) return;
  let stats;
  try {
    stats = fstatSync(1);
  } catch {
    throw usage("stdout is closed: give --out FILE. Nothing was read.");
  }
  const sink = stats.isCharacterDevice() ? SINKS[stats.rdev] : void 0;
  if (sink !== void 0) {
    throw usage(
      `stdout is ${sink}, where the secret would be lost: give --out FILE. Nothing was read.`
    );
  }
  try {
    writeSync(1, new Uint8Array(0));
  } catch (error) {
    throw usage(`stdout cannot be written (${codeOf(error)}): give --out FILE. Nothing was read.`);
  }
}
async function prepareFile(target, how) {
  const existing = await lstat(target).catch(() => void 0);
  if (existing?.isSymbolicLink()) {
    throw usage(
      `${how.what} is a symbolic link; give the real path (- for stdout). Nothing was read.`
    );
  }
  if (existing !== void 0 && !existing.isFile()) {
    throw usage(`${how.what} is not a regular file. Nothing was read.`);
  }
  if (existing !== void 0 && !how.replace && !how.nameLater) {
    throw usage(`${how.what} already exists: add --force to replace it. Nothing was read.`);
  }
  const temporary = path2.join(
    path2.dirname(target),
    `.${path2.basename(target)}.secretsentry-${randomBytes(6).toString("hex")}`
  );
  let handle;
  try {
    handle = await open2(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      384
    );
  } catch (error) {
    throw new CliError(
      EXIT.usage,
      `Cannot write ${how.what}: ${codeOf(error)}. Nothing was read.`,
      { cause: error }
    );
  }
  const discard = async () => {
    await handle.close().catch(() => void 0);
    await rm(temporary, { force: true });
  };
  const finish = async (fileName) => {
    await handle.sync();
    await handle.close();
    let placed = target;
    if (how.nameLater) {
      placed = await linkUnderFreeName(
        temporary,
        path2.dirname(target),
        safeFileName(fileName ?? "")
      );
      await unlink(temporary);
    } else {
      await rename(temporary, target);
    }
    await syncFolder(path2.dirname(target));
    return placed;
  };
  return {
    deliver: async (plaintext) => {
      try {
        await handle.writeFile(plaintext);
        await finish(void 0);
      } catch (error) {
        await discard();
        throw lostAfterRead(error);
      }
    },
    deliverFile: async (fileName, body) => {
      const reader = body.getReader();
      const batch = new Uint8Array(WRITE_BYTES);
      let batched = 0;
      try {
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          const chunk = next.value;
          if (batched + chunk.length > WRITE_BYTES) {
            await handle.write(batch, 0, batched);
            batched = 0;
          }
          if (chunk.length >= WRITE_BYTES) await handle.write(chunk);
          else {
            batch.set(chunk, batched);
            batched += chunk.length;
          }
        }
        if (batched > 0) await handle.write(batch, 0, batched);
        return await finish(fileName);
      } catch (error) {
        await reader.cancel().catch(() => void 0);
        await discard();
        throw lostAfterRead(error);
      }
    },
    abandon: discard
  };
}
async function linkUnderFreeName(file, folder, name) {
  const dot = name.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let n = 0; ; n += 1) {
    const candidate = path2.join(folder, n === 0 ? name : `${stem} (${n})${extension}`);
    try {
      await link(file, candidate);
      return candidate;
    } catch (error) {
      if (error.code !== "EEXIST" || n >= 999) throw error;
    }
  }
}
async function toStdout(io, plaintext, force, name) {
  if (!io.stdout.isTTY) return toStdoutExactly(io, plaintext);
  const text = decodeText(plaintext);
  if (text === void 0 && force) return toStdoutExactly(io, plaintext);
  if (text === void 0) return keepBinary(io, plaintext, name);
  const shown = forTerminal(text);
  await toStdoutExactly(io, encoder2.encode(shown.endsWith("\n") ? shown : `${shown}
`));
  if (shown !== text) {
    await write(
      io.stderr,
      "The secret holds control characters, shown above as \\xNN escapes; a pipe or --out FILE gets its exact bytes.\n"
    );
  }
}
async function keepBinary(io, plaintext, name) {
  const file = `secretsentry-${name}.bin`;
  const advice = "Use --out FILE next time, or --force to send binary to the terminal.";
  try {
    const destination = await prepareFile(file, { replace: true, what: file });
    await destination.deliver(plaintext);
  } catch (error) {
    const cause = error instanceof Error ? error.cause : void 0;
    const why = cause === void 0 ? "another kind of file is in the way" : codeOf(cause);
    await toStdoutExactly(io, encoder2.encode(`${Buffer.from(plaintext).toString("base64")}
`));
    await write(
      io.stderr,
      `The secret is binary and could not be saved to ${file} (${why}): shown above as base64 (decode with base64 -d). ${advice}
`
    );
    return;
  }
  await write(
    io.stderr,
    `The secret is binary, so it was not shown: saved to ${file} (mode 0600). ${advice}
`
  );
}
async function toStdoutExactly(io, bytes) {
  if (io.stdout !== process.stdout) return write(io.stdout, bytes);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
async function syncFolder(folder) {
  const handle = await open2(folder, constants.O_RDONLY).catch(() => void 0);
  await handle?.sync().catch(() => void 0);
  await handle?.close();
}
var encoder2 = new TextEncoder();
var WRITE_BYTES = 1024 * 1024;
function lostAfterRead(error, detail) {
  if (error instanceof BodyIntegrityError || error instanceof TransferError) {
    const where = detail === void 0 ? "nothing was saved" : detail;
    return new CliError(
      EXIT.failed,
      `The read was spent, but the file could not be downloaded whole (${error.message}); ${where}. Ask the sender to share it again.`,
      { cause: error }
    );
  }
  return new CliError(
    EXIT.failed,
    `The read was spent, but the secret could not be written (${codeOf(error)}): it is lost. Ask the sender to share it again.`,
    { cause: error }
  );
}
var codeOf = (error) => error?.code ?? "error";

// cli/link.ts
var LINK_VARIABLE = {
  secret: "SECRETSENTRY_LINK",
  manage: "SECRETSENTRY_MANAGE_LINK",
  fill: "SECRETSENTRY_FILL_LINK"
};
var LINK_IS = {
  secret: "a secret link (/s/...), which `get` reads",
  manage: "a manage link (/m/...), for `receipt` and `revoke`",
  fill: "a fill link (/f/...), which `fill` fills with a secret"
};
var LINK_NEEDED = {
  secret: "the secret link, or a request's retrieve link (/s/...)",
  manage: "the manage link (/m/...)",
  fill: "the fill link of a request (/f/...)"
};
var MAX_LINK_CHARS = 4096;
var KEY_VARIABLE = "SECRETSENTRY_KEY";
function parseLinkArg(text, kind, keyless = false) {
  let link2;
  try {
    link2 = parseLink(text, { keyless });
  } catch (error) {
    throw usage(error.message);
  }
  if (link2.kind !== kind) {
    throw usage(`That is ${LINK_IS[link2.kind]}; this command needs ${LINK_NEEDED[kind]}.`);
  }
  return link2;
}
async function readLinkArg(arg, kind, io) {
  const variable = LINK_VARIABLE[kind];
  const text = arg === "-" ? await readLinkFromStdin(io) : arg ?? (io.env[variable] || void 0);
  if (text === void 0) {
    throw usage(`Give the link: as an argument, as - to read it from stdin, or in $${variable}.`);
  }
  const link2 = parseLinkArg(text, kind, kind === "secret");
  if (link2.credential !== "") return link2;
  return { ...link2, credential: await readSeparateKey(io) };
}
async function readSeparateKey(io) {
  const fromEnv = io.env[KEY_VARIABLE]?.trim();
  if (fromEnv) return fromEnv.replace(/^#/, "");
  const typed = await io.prompt("Key (the part sent apart from the link): ");
  if (typed === void 0) {
    throw usage(
      `This link has no key (the part after #, sent apart): give it in $${KEY_VARIABLE}, or run on a terminal to be asked.`
    );
  }
  if (typed.trim() === "") throw usage("The key is empty.");
  return typed.trim().replace(/^#/, "");
}
async function readLinkFromStdin(io) {
  if (io.stdin.isTTY) throw usage("`-` reads the link from stdin: pipe it in.");
  let text = "";
  for await (const chunk of io.stdin) {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (text.length > MAX_LINK_CHARS) throw usage("What came on stdin is too long for a link.");
  }
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "");
  if (line === void 0) throw usage("No link came on stdin.");
  return line.trim();
}

// cli/recipient.ts
async function reachSecret(linkText, options, io, what = "secret") {
  const link2 = await readLinkArg(linkText, "secret", io);
  try {
    parseLinkSecret(link2.credential);
  } catch {
    throw usage("The link is damaged: the part after # is not a key.");
  }
  const { client } = await endpointsForLink(link2.origin, options, io.env);
  try {
    return { link: link2, client, secret: await prepareReveal(client, link2) };
  } catch (error) {
    throw fromApiError(error, what);
  }
}

// cli/commands/get.ts
async function get(linkText, options, io) {
  const { link: link2, client, secret } = await reachSecret(linkText, options, io);
  const { notBefore } = secret.meta;
  if (notBefore !== void 0 && Date.parse(notBefore) > Date.now()) throw notYetOpen(notBefore);
  if (secret.meta.kind === "request" && secret.meta.filled === false) throw notFilled();
  let passphrase;
  if (secret.meta.passphrase) {
    passphrase = await resolvePassphrase(io, {
      passphraseFile: options.passphraseFile,
      prompt: true,
      missing: new CliError(
        EXIT.unauthorized,
        "This secret needs a passphrase: give --passphrase-file or SECRETSENTRY_PASSPHRASE."
      )
    });
  }
  const kind = secret.meta.kind === "file" ? "file" : "text";
  const destination = await prepareDestination(io, options, link2.id, kind);
  let revealed;
  try {
    revealed = await revealSecret(client, secret, { passphrase: passphrase ?? "" });
  } catch (error) {
    await destination.abandon();
    if (error instanceof UndecryptableError) {
      throw new CliError(
        EXIT.unavailable,
        "The secret could not be decrypted: what the service returned does not match the link."
      );
    }
    throw fromApiError(error);
  }
  const left = revealed.remainingReads === 0 ? "it is now destroyed" : options.destroyAfter ? "it is now destroyed, as asked" : `${revealed.remainingReads} read(s) left`;
  if (revealed.kind === "text") {
    await destination.deliver(revealed.plaintext);
    await destroyIfAsked(client, revealed, options);
    if (io.stderr.isTTY) await write(io.stderr, `Secret revealed; ${left}.
`);
    return;
  }
  const { name, size } = revealed.manifest;
  const progress = progressLine(io, "Downloading");
  let body;
  try {
    body = await openFileBody(revealed, { onProgress: progress.update, cipher: nodeRecords });
  } catch (error) {
    await destination.abandon();
    progress.done();
    if (error instanceof TransferError) {
      throw new CliError(
        EXIT.failed,
        `The read was spent, but the file could not be downloaded (${error.message}). Ask the sender to share it again.`,
        { cause: error }
      );
    }
    throw error;
  }
  let where;
  try {
    where = await destination.deliverFile(name, body);
  } finally {
    progress.done();
  }
  await destroyIfAsked(client, revealed, options);
  if (io.stderr.isTTY || where !== void 0 && (options.out ?? "-") === "-") {
    const saved = where === void 0 ? "" : `; saved to ${where}`;
    await write(
      io.stderr,
      forTerminal(`File ${name} (${formatBytes(size)}) revealed${saved}; ${left}.`) + "\n"
    );
  }
}
async function destroyIfAsked(client, revealed, options) {
  if (!options.destroyAfter || revealed.remainingReads === 0) return;
  try {
    await destroyRevealed(client, revealed.access);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return;
    const cause = fromApiError(error);
    throw new CliError(
      cause.exitCode,
      // Another get would spend a read: the sender's revoke is the way to end it now.
      `The secret was written, but could not be destroyed: ${cause.message} Ask the sender to revoke it.`,
      { cause: error }
    );
  }
}

// cli/commands/check.ts
async function check(linkText, options, io) {
  const { meta } = (await reachSecret(linkText, options, io, "link")).secret;
  const passphrase = meta.passphrase !== null;
  const request2 = meta.kind === "request";
  if (options.json) {
    const result = {
      readable: true,
      kind: meta.kind,
      ...request2 ? { filled: meta.filled === true } : {},
      remainingReads: meta.remainingReads,
      expiresAt: meta.expiresAt,
      ...meta.notBefore === void 0 ? {} : { notBefore: meta.notBefore },
      passphrase
    };
    await write(io.stdout, JSON.stringify(result) + "\n");
    return;
  }
  if (request2 && meta.filled !== true) {
    await write(
      io.stdout,
      `not filled yet: a request nobody has filled; expires ${meta.expiresAt}
`
    );
    return;
  }
  const reads = meta.remainingReads === 1 ? "1 read" : `${meta.remainingReads} reads`;
  const what = meta.kind === "file" ? "a file, " : request2 ? "a filled request, " : "";
  await write(
    io.stdout,
    `readable: ${what}${reads} left, ` + (meta.notBefore !== void 0 && Date.parse(meta.notBefore) > Date.now() ? `opens ${meta.notBefore}, ` : "") + `expires ${meta.expiresAt}` + (passphrase ? ", needs a passphrase" : "") + "\n"
  );
}

// cli/completion.ts
var SHELLS = ["bash", "zsh", "fish"];
function specs(program2) {
  return program2.commands.map((command) => ({
    name: command.name(),
    description: command.description().replace(/'/g, ""),
    options: [
      ...command.options.flatMap(
        (o) => o.long ? [{ long: o.long, takesValue: o.required || o.optional }] : []
      ),
      { long: "--help", takesValue: false }
    ]
  }));
}
function completionScript(shell, program2) {
  if (!SHELLS.includes(shell)) {
    throw usage(`completion knows ${SHELLS.join(", ")}, not "${shell}".`);
  }
  const commands = specs(program2);
  if (shell === "fish") return fish(commands);
  const cases = commands.map((c) => `    ${c.name}) opts='${c.options.map((o) => o.long).join(" ")}' ;;`).join("\n");
  const bash = `# secretsentry completion for ${shell}; load it with: source <(secretsentry completion ${shell})
_secretsentry() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" opts=''
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W '${commands.map((c) => c.name).join(" ")} --help --version' -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F _secretsentry secretsentry
`;
  if (shell === "bash") return bash;
  return `(( $+functions[compdef] )) || { autoload -U +X compinit && compinit -u; }
autoload -U +X bashcompinit && bashcompinit
${bash}`;
}
function fish(commands) {
  const lines = [
    "# secretsentry completion for fish; load it with: secretsentry completion fish | source",
    "complete -c secretsentry -f",
    ...commands.map(
      (c) => `complete -c secretsentry -n __fish_use_subcommand -a ${c.name} -d '${c.description}'`
    ),
    ...commands.flatMap(
      (c) => c.options.map(
        (o) => `complete -c secretsentry -n '__fish_seen_subcommand_from ${c.name}' -l ${o.long.slice(2)}` + (o.takesValue ? " -r -F" : "")
      )
    )
  ];
  return lines.join("\n") + "\n";
}

// cli/commands/manage.ts
var STATE_NOTES = {
  awaiting: "a request nobody has filled yet",
  locked: `destroyed after ${LIMITS.maxFailedAttempts} wrong passphrases in a row`,
  destroyed: "by the recipient, after a read"
};
var LIVE_STATES = /* @__PURE__ */ new Set(["active", "pending", "awaiting"]);
var plural = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
function stateText(state) {
  const note = STATE_NOTES[state];
  return note === void 0 ? state : `${state} (${note})`;
}
async function readManageLink(linkText, io) {
  const link2 = await readLinkArg(linkText, "manage", io);
  try {
    return { link: link2, manageToken: parseManageSecret(link2.credential).manageToken };
  } catch {
    throw usage("The manage link is damaged: the part after # is not what share printed.");
  }
}
async function receipt(linkText, options, io) {
  const { link: link2 } = await readManageLink(linkText, io);
  const { client } = await endpointsForLink(link2.origin, options, io.env);
  let result;
  try {
    result = await openReceipt(client, link2);
  } catch (error) {
    throw fromApiError(error);
  }
  if (options.json) {
    await write(io.stdout, JSON.stringify(result) + "\n");
    return;
  }
  const rows = [
    ["state", stateText(result.state)],
    ["reads", `${result.maxReads - result.remainingReads} of ${result.maxReads}`],
    ["remaining", String(result.remainingReads)],
    ["failed", plural(result.failedAttempts, "wrong passphrase")],
    ["created", result.createdAt],
    ...result.notBefore === void 0 ? [] : [["opens", result.notBefore]],
    ["expires", result.expiresAt],
    // With several links, each lists its own reads below: the totals above sum them.
    ...result.recipients === void 0 ? result.reads.map((r, i) => [`read ${i + 1}`, r.at]) : [["links", String(result.recipients.length)]],
    ...(result.recipients ?? []).flatMap(recipientRows)
  ];
  await write(io.stdout, rows.map(([k, v]) => `${k.padEnd(10)} ${v}`.trimEnd()).join("\n") + "\n");
}
function recipientRows(recipient) {
  const used = recipient.maxReads - recipient.remainingReads;
  return [
    [
      `link ${recipient.index + 1}`,
      recipient.label === void 0 ? "" : labelText(recipient.label)
    ],
    ["  state", stateText(recipient.state)],
    // An ended link (revoked, locked) keeps its count of reads left, but none can be used.
    [
      "  reads",
      `${used} of ${recipient.maxReads}` + (LIVE_STATES.has(recipient.state) ? `, ${recipient.remainingReads} left` : "")
    ],
    ["  failed", plural(recipient.failedAttempts, "wrong passphrase")],
    ...recipient.reads.map((r, i) => [`  read ${i + 1}`, r.at])
  ];
}
async function revoke(linkText, options, io) {
  if (options.recipient !== void 0 && options.to !== void 0) {
    throw usage("Give --recipient N or --to LABEL, not both.");
  }
  const index = options.recipient === void 0 ? void 0 : linkNumber(options.recipient);
  const { link: link2, manageToken } = await readManageLink(linkText, io);
  const { client } = await endpointsForLink(link2.origin, options, io.env);
  let before;
  try {
    before = await openReceipt(client, link2);
  } catch (error) {
    throw fromApiError(error);
  }
  if (index === void 0 && options.to === void 0) {
    try {
      await client.revoke(link2.id, manageToken);
    } catch (error) {
      throw fromApiError(error);
    }
    await write(
      io.stdout,
      LIVE_STATES.has(before.state) ? "revoked\n" : `already ${before.state}; nothing to revoke
`
    );
    return;
  }
  const target = pickLink(before, index, options.to);
  try {
    await client.revokeRecipient(link2.id, manageToken, target.index);
  } catch (error) {
    throw fromApiError(error);
  }
  const name = `link ${target.index + 1}${labelled(target.label)}`;
  await write(
    io.stdout,
    LIVE_STATES.has(target.state) ? `revoked ${name}; the other links keep working
` : `${name} already ${target.state}; nothing to revoke
`
  );
}
function linkNumber(text) {
  if (!/^[1-9]\d*$/.test(text.trim())) {
    throw usage(
      `--recipient takes a link's number from 1, as receipt shows it ("link 1"), not "${text}".`
    );
  }
  return Number(text) - 1;
}
function pickLink(receipt2, index, label) {
  const links = receipt2.recipients;
  if (links === void 0) {
    throw usage(
      `This secret has one link: revoke it without ${index === void 0 ? "--to" : "--recipient"}.`
    );
  }
  if (index !== void 0) {
    const found = links.find((l) => l.index === index);
    if (found === void 0) {
      throw usage(
        `This secret has links 1 to ${links.length}; there is no link ${index + 1} (\`secretsentry receipt\` lists them).`
      );
    }
    return found;
  }
  if (!links.some((l) => l.label !== void 0)) {
    throw usage(
      "No link of this secret has a label this manage link can read: give --recipient N (`secretsentry receipt` lists the links)."
    );
  }
  const wanted = (label ?? "").normalize("NFC");
  const matches = links.filter((l) => l.label?.normalize("NFC") === wanted);
  if (matches.length === 0) {
    throw usage("No link has that label (`secretsentry receipt` lists them).");
  }
  if (matches.length > 1) {
    throw usage(
      `Links ${matches.map((l) => l.index + 1).join(", ")} have that label: give --recipient N.`
    );
  }
  return matches[0];
}

// cli/commands/request.ts
async function request(options, io) {
  const ttlSeconds = parseDuration(options.ttl);
  const endpoints = await endpointsForShare(options, io.env);
  let made;
  try {
    made = await requestSecret(endpoints.client, { pageOrigin: endpoints.pageOrigin, ttlSeconds });
  } catch (error) {
    throw fromApiError(error, "request");
  }
  const { fillLink, retrieveLink, manageLink } = made;
  if (options.json) {
    const result = {
      fillLink,
      retrieveLink,
      ...options.manage ? { manageLink } : {},
      id: made.id,
      expiresAt: made.expiresAt
    };
    await write(io.stdout, JSON.stringify(result) + "\n");
    return;
  }
  const lines = [
    ["Fill link: send it to whoever holds the secret; it fills this request once.", fillLink],
    [
      "Retrieve link: keep it to yourself; `secretsentry get` reads the secret with it once filled.",
      retrieveLink
    ]
  ];
  if (options.manage) {
    lines.push(["Manage link: receipt, and revoke to withdraw the request.", manageLink]);
  }
  await writeLabelled(io, lines, `The request expires ${made.expiresAt}, filled or not.`);
}
var TOO_LARGE_FOR_A_REQUEST = "A request takes no more: share a larger file with `secretsentry share --file` instead.";
async function fill(linkText, options, io) {
  if (linkText === "-" && (options.file === void 0 || options.file === "-")) {
    throw usage(
      "`fill -` reads the link from stdin, so the secret cannot come there: give --file."
    );
  }
  const link2 = await readLinkArg(linkText, "fill", io);
  await checkFillKey(link2);
  const { client } = await endpointsForLink(link2.origin, options, io.env);
  const secret = await readSecret(io, options.file, TOO_LARGE_FOR_A_REQUEST);
  let filled;
  try {
    filled = await fillSecretRequest(client, link2, secret);
  } catch (error) {
    throw fillError(error);
  }
  if (options.json) {
    await write(io.stdout, JSON.stringify({ id: filled.id, expiresAt: filled.expiresAt }) + "\n");
    return;
  }
  await write(
    io.stdout,
    `filled; the person who asked can read it once, until ${filled.expiresAt}
`
  );
}
async function checkFillKey(link2) {
  try {
    await checkRequestKey(link2.credential);
  } catch {
    throw usage("The fill link is damaged: the part after # is not a key.");
  }
}
function fillError(error) {
  if (error instanceof SecretTooLargeError)
    return usage(`${error.message} ${TOO_LARGE_FOR_A_REQUEST}`);
  if (error instanceof ApiError) {
    if (error.status === 404) {
      return new CliError(
        EXIT.notFound,
        "This request does not exist or is gone (withdrawn or expired); nothing was stored."
      );
    }
    if (error.code === "wrong_key") {
      return usage(
        "The fill link's key is not the request's (the link is damaged); nothing was stored. Ask for the fill link again."
      );
    }
    if (error.code === "outcome_unknown") {
      return new CliError(
        EXIT.unavailable,
        'The API did not confirm the fill; it may have been stored. Run fill again: "already filled" then means it was.'
      );
    }
  }
  return fromApiError(error, "request");
}

// cli/main.ts
var VERSION = "0.1.0";
var EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  a doctor check failed, a secret read but not written (it is lost), or an unexpected error
  2  usage error (bad option, no input, bad link)
  3  not found or gone: unknown, already read, revoked or expired
  4  unauthorized: wrong or missing passphrase (the message says how many tries are left)
  5  network or service failure (nothing was consumed)
  6  locked: that wrong passphrase was the fifth in a row and destroyed the secret
  7  not open yet: the sender set a later opening time (nothing was read)
  8  not filled yet: nobody has filled this request (nothing was read)
  9  already filled: the request holds a secret already (this one was not stored)

Environment:
  SECRETSENTRY_API_URL      API base URL (instead of --api; a link's own server wins)
  SECRETSENTRY_PAGE_URL     page URL for the links \`share\` and \`request\` print (instead of --page-url)
  SECRETSENTRY_PASSPHRASE   passphrase (instead of --passphrase-file or the prompt)
  SECRETSENTRY_LINK         secret or retrieve link for \`get\` and \`check\` when none is given
  SECRETSENTRY_MANAGE_LINK  manage link for \`receipt\` and \`revoke\` when none is given
  SECRETSENTRY_FILL_LINK    fill link for \`fill\` when none is given
  HTTPS_PROXY, NO_PROXY     proxy to reach the API through, and hosts to reach directly

Links are keys: an argument shows in \`ps\` and shell history. Give - to read the link from
stdin, or put it in the environment variable above.`;
function apiOptions(command) {
  return command.option(
    "--api <url>",
    "API base URL (default: $SECRETSENTRY_API_URL, else asked from the page)"
  ).option("--debug", "on failure, also print the error's causes (never secret material)").addHelpText("after", EXIT_CODES_HELP);
}
async function run(argv, io, runOptions = {}) {
  let exitCode = EXIT.ok;
  const program2 = new Command("secretsentry").description(
    "Share secrets as one-time links, end-to-end encrypted. Secrets are read from stdin or a file, never from arguments."
  ).version(VERSION).showHelpAfterError("(run with --help for usage)").exitOverride().configureOutput({
    writeOut: (text) => void io.stdout.write(text),
    // Commander quotes what was typed (an unknown option): escaped like every other error.
    writeErr: (text) => void io.stderr.write(forTerminal(text))
  }).addHelpText("after", EXIT_CODES_HELP);
  apiOptions(
    program2.command("share").description("encrypt a secret from stdin or --file and print a one-time link").option(
      "-f, --file <path>",
      'share this file (any bytes, up to 1 GiB, streamed; "-" reads a text secret from stdin)'
    ).option("-r, --reads <n>", "how many times the link can be read (1-100)", "1").option("-t, --ttl <duration>", "lifetime: seconds or 90m, 1h, 3d (1 minute to 3 days)", "3d").option(
      "--webhook <url>",
      "post signed events (read, burned, revoked, destroyed, locked) to this https URL; prints its signing secret last"
    ).option(
      "--not-before <when>",
      'opens only then: a wait (30m, 2h) or a date and time (2026-12-02T09:00Z, "2026-12-02 09:00" local), before the expiry'
    ).option("--passphrase", "protect with a passphrase asked on the terminal").option(
      "--passphrase-file <path>",
      "protect with the passphrase on the first line of this file"
    ).option(
      "--recipients <n>",
      "several recipients (1-20): one link each, a line each, each with its own --reads"
    ).option(
      "--to <label>",
      "one link for this recipient, labelled for you alone (repeat, up to 20; at most 100 characters)",
      (label, previous) => [...previous ?? [], label]
    ).option("--manage", "also print the manage link (receipt and revoke)").option(
      "--generate [length]",
      "share a new random password (default 24 characters) and print it once, last"
    ).option(
      "--key-separately",
      "print the link without its key, and the key on the next line, to send apart"
    ).option(
      "--json",
      "print {link, key?, manageLink?, secret?, id, expiresAt, notBefore?, webhookSecret?, maxReads, passphrase} as JSON; with --recipients or --to, an array of them, each with its number (from 1, what revoke --recipient takes), the API index (from 0) and its label"
    ).option(
      "--page-url <url>",
      "page origin for the links (default: $SECRETSENTRY_PAGE_URL, else the API URL without /api)"
    )
  ).addHelpText(
    "after",
    `
Examples:
  echo "s3cr3t" | secretsentry share --api http://127.0.0.1:8080/api
  secretsentry share --file backup.tar.gz --reads 2 --ttl 1h --manage
  generate-password | secretsentry share --passphrase-file pass.txt --json
  secretsentry share --generate 32 --json        # a new password, shared and shown once
  secretsentry share --key-separately < token    # link and key on two lines, to send apart
  secretsentry share --not-before 2h < notes     # the link opens in two hours, not before
  secretsentry share --webhook https://hooks.example.com/ss --json < token   # told of each read
  secretsentry share --to "Ops on-call" --to "DBA" --manage < deploy-key   # a link each
  secretsentry share --recipients 3 --reads 2 --json < token   # three links, two reads each

Piped text loses one trailing newline (as echo adds one); piped binary (not UTF-8, or with
NUL bytes) keeps exact bytes. --file shares a file (up to 1 GiB): it is encrypted as it is
read and uploaded straight to the vault, and the recipient gets it back under its name, byte
for byte, with progress shown on a terminal. On a terminal with nothing piped, the secret is asked
for with echo off.

--recipients N or --to LABEL (once per recipient) gives each recipient a link of its own, with
its own reads: one cannot read or use up another's, and \`revoke --recipient N\` ends one alone.
Links are numbered from 0, in order, as receipt and --json show them. Labels are encrypted with a
key that only the manage link holds.`
  ).action(async (opts) => share(opts, io));
  apiOptions(
    program2.command("get").description("reveal a secret (uses one read) and write it to stdout or --out").argument(
      "[link]",
      "the secret link, https://.../s/<id>#<key>, or a request's retrieve link; - reads it from stdin (default: $SECRETSENTRY_LINK)"
    ).option(
      "-o, --out <file>",
      "write the secret or file here (mode 0600, written whole or not at all; never through a symlink); - is stdout"
    ).option(
      "--force",
      "replace an existing --out file; send a binary secret to a terminal anyway"
    ).option("--passphrase-file <path>", "passphrase on the first line of this file").option(
      "--destroy-after",
      "once written, destroy the secret even if reads are left, so nobody else can open the link"
    )
  ).addHelpText(
    "after",
    `
Examples:
  printf '%s' "$LINK" | secretsentry get - > secret.txt
  secretsentry get "$LINK" --out ./token --destroy-after   # the link dies once the token is saved
  SECRETSENTRY_LINK="$LINK" secretsentry get --out ./token --passphrase-file pass.txt
  secretsentry get "$FILE_LINK" --out backup.tar.gz   # a file link; --force to replace
  secretsentry get "$RETRIEVE_LINK"    # a request's secret, once filled (exits 8 until then)

A file link with no --out goes to stdout when that is a pipe or a file; on a terminal the file
is saved in the current folder under its own name (never over another file).`
  ).action(async (link2, opts) => get(link2, opts, io));
  apiOptions(
    program2.command("check").description("tell whether a secret link still works, without using a read").argument("[link]", "the secret link; - reads it from stdin (default: $SECRETSENTRY_LINK)").option(
      "--json",
      "print {readable, kind, filled?, remainingReads, expiresAt, notBefore?, passphrase} as JSON"
    )
  ).addHelpText(
    "after",
    `
Exits 0 while the link can be read (a request's retrieve link also before it is filled: it
says so), 3 once it is gone.

Example:
  printf '%s' "$LINK" | secretsentry check -`
  ).action(async (link2, opts) => check(link2, opts, io));
  apiOptions(
    program2.command("receipt").description("show whether and when a shared secret was read").argument(
      "[manage-link]",
      "the manage link, https://.../m/<id>#<token>; - reads it from stdin (default: $SECRETSENTRY_MANAGE_LINK)"
    ).option(
      "--json",
      "print the receipt as JSON (with recipients[]: each link, its label decrypted)"
    )
  ).addHelpText(
    "after",
    `
A secret shared with --recipients or --to lists each link after the totals: its number
(from 1), its label, its state, reads, wrong passphrases and read times.

Example:
  printf '%s' "$MANAGE_LINK" | secretsentry receipt - --json`
  ).action(async (link2, opts) => receipt(link2, opts, io));
  apiOptions(
    program2.command("revoke").description("destroy a shared secret now, whatever reads it has left").argument(
      "[manage-link]",
      "the manage link, https://.../m/<id>#<token>; - reads it from stdin (default: $SECRETSENTRY_MANAGE_LINK)"
    ).option(
      "--recipient <n>",
      "end only this link (its number from 0, as receipt shows it); the other links keep working"
    ).option("--to <label>", "end only the link with this label (as given to share --to)")
  ).addHelpText(
    "after",
    `
Examples:
  SECRETSENTRY_MANAGE_LINK="$MANAGE_LINK" secretsentry revoke
  SECRETSENTRY_MANAGE_LINK="$MANAGE_LINK" secretsentry revoke --recipient 2
  SECRETSENTRY_MANAGE_LINK="$MANAGE_LINK" secretsentry revoke --to "Ops on-call"`
  ).action(async (link2, opts) => revoke(link2, opts, io));
  apiOptions(
    program2.command("request").description(
      "ask someone for a secret: print a fill link to send them and a retrieve link to keep"
    ).option("-t, --ttl <duration>", "lifetime: seconds or 90m, 1h, 3d (1 minute to 3 days)", "3d").option("--manage", "also print the manage link (receipt, and revoke to withdraw it)").option("--json", "print {fillLink, retrieveLink, manageLink?, id, expiresAt} as JSON").option(
      "--page-url <url>",
      "page origin for the links (default: $SECRETSENTRY_PAGE_URL, else the API URL without /api)"
    )
  ).addHelpText(
    "after",
    `
Examples:
  secretsentry request --ttl 1d --manage   # ask a colleague for the database password
  secretsentry request --json | jq -r .fillLink

stdout holds the links alone, one a line: the fill link first (send it to whoever holds the
secret: it fills the request once, encrypted to a key only the retrieve link holds), then the
retrieve link (keep it: \`secretsentry get\` reads the secret with it, once, after the fill), then
the manage link with --manage. On a terminal, stderr says which is which.`
  ).action(async (opts) => request(opts, io));
  apiOptions(
    program2.command("fill").description("fill a secret request with a secret from stdin or --file, once").argument(
      "[fill-link]",
      "the fill link, https://.../f/<id>#<key>; - reads it from stdin (default: $SECRETSENTRY_FILL_LINK)"
    ).option(
      "-f, --file <path>",
      'the secret is this file (at most 700 KiB, exact bytes); "-" reads stdin whole'
    ).option("--json", "print {id, expiresAt} as JSON")
  ).addHelpText(
    "after",
    `
Examples:
  secretsentry fill "$FILL_LINK"                  # on a terminal: asks for the secret, input hidden
  pass show db/prod | secretsentry fill "$FILL_LINK"
  printf '%s' "$FILL_LINK" | secretsentry fill - --file ./token

The secret is encrypted here to the key in the fill link: only the retrieve link the requester
kept opens it. Piped text loses one trailing newline, as with share. A request is filled once:
another fill exits 9.`
  ).action(async (link2, opts) => fill(link2, opts, io));
  program2.command("doctor").description(
    "check a deployed stage (needs AWS credentials) and run a canary secret through it"
  ).addOption(
    new Option(
      "--stage <name>",
      "stage to check: stack SecretSentry-<name>"
    ).makeOptionMandatory()
  ).option("--region <region>", "AWS region (default: the SDK default chain, e.g. $AWS_REGION)").option("--json", "print the report as JSON").addHelpText(
    "after",
    `
Checks: stack outputs, KMS key enabled and rotating, vault versioning and SSE-KMS,
table TTL and point-in-time recovery, WAF web ACL on the API stage, and a canary
secret created, read once and confirmed gone. Exits 1 when any check fails.

Example:
  AWS_REGION=eu-west-1 secretsentry doctor --stage staging`
  ).addHelpText("after", EXIT_CODES_HELP).action(async (opts) => {
    const { doctor } = await import("./command-OIZA3DPP.js");
    exitCode = await doctor(opts, io, runOptions.doctorClients);
  });
  program2.command("completion").description("print a tab-completion script for your shell").argument("<shell>", SHELLS.join(", ")).addHelpText(
    "after",
    `
Examples:
  source <(secretsentry completion bash)        # in ~/.bashrc
  source <(secretsentry completion zsh)         # in ~/.zshrc
  secretsentry completion fish | source         # in ~/.config/fish/config.fish`
  ).action(async (shell) => write(io.stdout, completionScript(shell, program2)));
  try {
    await program2.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const cliError = error instanceof CliError ? error : new CliError(
      EXIT.failed,
      `Unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}`
    );
    const line = argv.includes("--json") ? JSON.stringify({
      error: {
        code: exitName(cliError.exitCode),
        exitCode: cliError.exitCode,
        message: forTerminal(oneLine(cliError.message))
      }
    }) : `secretsentry: ${forTerminal(oneLine(cliError.message))}`;
    await write(io.stderr, `${line}
`);
    if (argv.includes("--debug")) await write(io.stderr, causeChain(error));
    return cliError.exitCode;
  }
}
function causeChain(error) {
  const lines = [];
  let cause = error instanceof Error ? error.cause : void 0;
  for (let depth = 0; cause !== void 0 && depth < 8; depth++) {
    const e = cause;
    const parts = [e.name, e.code, e.message].filter((p) => typeof p === "string" && p !== "");
    lines.push(`  caused by: ${forTerminal(oneLine(parts.join(": ")))}
`);
    cause = e.cause;
  }
  return lines.join("") || "  (no further cause)\n";
}

// cli/proxy.ts
var PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];
async function useProxyFromEnvironment(env) {
  if (PROXY_VARIABLES.some((name) => (env[name] ?? "") !== "")) {
    const { routeThroughProxy } = await import("./proxy-agent-XBDUI7OX.js");
    routeThroughProxy();
  }
}

// bin/cli.ts
await useProxyFromEnvironment(process.env);
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  prompt: promptOnTerminal
});
