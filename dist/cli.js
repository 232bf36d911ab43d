#!/usr/bin/env node
import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  BUILDER_NAME,
  BUILDER_VERSION
} from "./cli-chunks/chunk-H6BAN5PQ.js";
import {
  comparePcrs
} from "./cli-chunks/chunk-43CAL76Y.js";
import {
  DIRECT_ALIGN,
  EIF_MAGIC,
  HASH_ALGORITHM,
  alignDown,
  alignUp,
  alignedBuffer,
  certificatePcr8,
  crc32,
  crc32Combine,
  decode,
  describeEif,
  directFlag,
  encode,
  inspectEif,
  isDirectRefusal,
  localKeySigner,
  minimumEnclaveMemoryMiB,
  misalignedBuffer,
  pcrOfFile,
  signEif,
  writeEif,
  writeFileAtomic
} from "./cli-chunks/chunk-UUOFU7PT.js";
import {
  cleanUpOnSignals,
  makeTempDir,
  osImageHash,
  osImageHashOfRaw,
  parseHex,
  parsePcrs,
  readMeasurements,
  removeTempDir,
  toHex
} from "./cli-chunks/chunk-LLEATV4O.js";
import {
  LocalStore
} from "./cli-chunks/chunk-BTUTCNBS.js";
import {
  ARTIFACT_FILES,
  DEFAULT_STORE,
  artifactKey,
  isHashKey,
  normalizeOsImageHash
} from "./cli-chunks/chunk-LC3DOZBK.js";
import {
  FormatError,
  UserError,
  VerificationError,
  errorMessage
} from "./cli-chunks/chunk-AUQNJYMJ.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./cli-chunks/chunk-LWSQTYNC.js";

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
    var path = __require("node:path");
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
          outputError: (str, write) => write(str),
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
          const localBin = path.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path.extname(baseName))) return void 0;
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
          executableDir = path.resolve(
            path.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path.basename(
              this._scriptPath,
              path.extname(this._scriptPath)
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
        launchWithNode = sourceExt.includes(path.extname(executableFile));
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
            (cmd) => cmd.options.map((opt) => opt.short).some((short2) => /^-\d$/.test(short2))
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
        this._name = path.basename(filename, path.extname(filename));
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
      executableDir(path2) {
        if (path2 === void 0) return this._executableDir;
        this._executableDir = path2;
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
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
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

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports, module) {
    module.exports = __require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports, module) {
    module.exports = class FixedFIFO {
      constructor(hwm) {
        if (!(hwm > 0) || (hwm - 1 & hwm) !== 0) throw new Error("Max size for a FixedFIFO should be a power of two");
        this.buffer = new Array(hwm);
        this.mask = hwm - 1;
        this.top = 0;
        this.btm = 0;
        this.next = null;
      }
      clear() {
        this.top = this.btm = 0;
        this.next = null;
        this.buffer.fill(void 0);
      }
      push(data) {
        if (this.buffer[this.top] !== void 0) return false;
        this.buffer[this.top] = data;
        this.top = this.top + 1 & this.mask;
        return true;
      }
      shift() {
        const last = this.buffer[this.btm];
        if (last === void 0) return void 0;
        this.buffer[this.btm] = void 0;
        this.btm = this.btm + 1 & this.mask;
        return last;
      }
      peek() {
        return this.buffer[this.btm];
      }
      isEmpty() {
        return this.buffer[this.btm] === void 0;
      }
    };
  }
});

// node_modules/fast-fifo/index.js
var require_fast_fifo = __commonJS({
  "node_modules/fast-fifo/index.js"(exports, module) {
    var FixedFIFO = require_fixed_size();
    module.exports = class FastFIFO {
      constructor(hwm) {
        this.hwm = hwm || 16;
        this.head = new FixedFIFO(this.hwm);
        this.tail = this.head;
        this.length = 0;
      }
      clear() {
        this.head = this.tail;
        this.head.clear();
        this.length = 0;
      }
      push(val) {
        this.length++;
        if (!this.head.push(val)) {
          const prev = this.head;
          this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
          this.head.push(val);
        }
      }
      shift() {
        if (this.length !== 0) this.length--;
        const val = this.tail.shift();
        if (val === void 0 && this.tail.next) {
          const next = this.tail.next;
          this.tail.next = null;
          this.tail = next;
          return this.tail.shift();
        }
        return val;
      }
      peek() {
        const val = this.tail.peek();
        if (val === void 0 && this.tail.next) return this.tail.next.peek();
        return val;
      }
      isEmpty() {
        return this.length === 0;
      }
    };
  }
});

// node_modules/b4a/index.js
var require_b4a = __commonJS({
  "node_modules/b4a/index.js"(exports, module) {
    function isBuffer(value) {
      return Buffer.isBuffer(value) || value instanceof Uint8Array;
    }
    function isEncoding(encoding) {
      return Buffer.isEncoding(encoding);
    }
    function alloc(size, fill2, encoding) {
      return Buffer.alloc(size, fill2, encoding);
    }
    function allocUnsafe(size) {
      return Buffer.allocUnsafe(size);
    }
    function allocUnsafeSlow(size) {
      return Buffer.allocUnsafeSlow(size);
    }
    function byteLength(string, encoding) {
      return Buffer.byteLength(string, encoding);
    }
    function compare(a, b) {
      return Buffer.compare(a, b);
    }
    function concat(buffers, totalLength) {
      return Buffer.concat(buffers, totalLength);
    }
    function copy(source, target, targetStart, start, end) {
      return toBuffer(source).copy(target, targetStart, start, end);
    }
    function equals(a, b) {
      return toBuffer(a).equals(b);
    }
    function fill(buffer, value, offset, end, encoding) {
      return toBuffer(buffer).fill(value, offset, end, encoding);
    }
    function from(value, encodingOrOffset, length) {
      return Buffer.from(value, encodingOrOffset, length);
    }
    function includes(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).includes(value, byteOffset, encoding);
    }
    function indexOf(buffer, value, byfeOffset, encoding) {
      return toBuffer(buffer).indexOf(value, byfeOffset, encoding);
    }
    function lastIndexOf(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding);
    }
    function swap16(buffer) {
      return toBuffer(buffer).swap16();
    }
    function swap32(buffer) {
      return toBuffer(buffer).swap32();
    }
    function swap64(buffer) {
      return toBuffer(buffer).swap64();
    }
    function toBuffer(buffer) {
      if (Buffer.isBuffer(buffer)) return buffer;
      return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    function toString(buffer, encoding, start, end) {
      return toBuffer(buffer).toString(encoding, start, end);
    }
    function toHex2(buffer, start, end) {
      return toBuffer(buffer).toString("hex", start, end);
    }
    function write(buffer, string, offset, length, encoding) {
      return toBuffer(buffer).write(string, offset, length, encoding);
    }
    function readDoubleBE(buffer, offset) {
      return toBuffer(buffer).readDoubleBE(offset);
    }
    function readDoubleLE(buffer, offset) {
      return toBuffer(buffer).readDoubleLE(offset);
    }
    function readFloatBE(buffer, offset) {
      return toBuffer(buffer).readFloatBE(offset);
    }
    function readFloatLE(buffer, offset) {
      return toBuffer(buffer).readFloatLE(offset);
    }
    function readInt32BE(buffer, offset) {
      return toBuffer(buffer).readInt32BE(offset);
    }
    function readInt32LE(buffer, offset) {
      return toBuffer(buffer).readInt32LE(offset);
    }
    function readUInt32BE(buffer, offset) {
      return toBuffer(buffer).readUInt32BE(offset);
    }
    function readUInt32LE(buffer, offset) {
      return toBuffer(buffer).readUInt32LE(offset);
    }
    function writeDoubleBE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleBE(value, offset);
    }
    function writeDoubleLE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleLE(value, offset);
    }
    function writeFloatBE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatBE(value, offset);
    }
    function writeFloatLE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatLE(value, offset);
    }
    function writeInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32BE(value, offset);
    }
    function writeInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32LE(value, offset);
    }
    function writeUInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32BE(value, offset);
    }
    function writeUInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32LE(value, offset);
    }
    module.exports = {
      isBuffer,
      isEncoding,
      alloc,
      allocUnsafe,
      allocUnsafeSlow,
      byteLength,
      compare,
      concat,
      copy,
      equals,
      fill,
      from,
      includes,
      indexOf,
      lastIndexOf,
      swap16,
      swap32,
      swap64,
      toBuffer,
      toString,
      toHex: toHex2,
      write,
      readDoubleBE,
      readDoubleLE,
      readFloatBE,
      readFloatLE,
      readInt32BE,
      readInt32LE,
      readUInt32BE,
      readUInt32LE,
      writeDoubleBE,
      writeDoubleLE,
      writeFloatBE,
      writeFloatLE,
      writeInt32BE,
      writeInt32LE,
      writeUInt32BE,
      writeUInt32LE
    };
  }
});

// node_modules/text-decoder/lib/pass-through-decoder.js
var require_pass_through_decoder = __commonJS({
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class PassThroughDecoder {
      constructor(encoding) {
        this.encoding = encoding;
      }
      get remaining() {
        return 0;
      }
      decode(data) {
        return b4a.toString(data, this.encoding);
      }
      flush() {
        return "";
      }
    };
  }
});

// node_modules/text-decoder/lib/utf8-decoder.js
var require_utf8_decoder = __commonJS({
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class UTF8Decoder {
      constructor() {
        this._reset();
      }
      get remaining() {
        return this.bytesSeen;
      }
      decode(data) {
        if (data.byteLength === 0) return "";
        if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
          this.bytesSeen = trailingBytesSeen(data);
          return b4a.toString(data, "utf8");
        }
        let result = "";
        let start = 0;
        if (this.bytesNeeded > 0) {
          while (start < data.byteLength) {
            const byte = data[start];
            if (byte < this.lowerBoundary || byte > this.upperBoundary) {
              result += "\uFFFD";
              this._reset();
              break;
            }
            this.lowerBoundary = 128;
            this.upperBoundary = 191;
            this.codePoint = this.codePoint << 6 | byte & 63;
            this.bytesSeen++;
            start++;
            if (this.bytesSeen === this.bytesNeeded) {
              result += String.fromCodePoint(this.codePoint);
              this._reset();
              break;
            }
          }
          if (this.bytesNeeded > 0) return result;
        }
        const trailing = trailingIncomplete(data, start);
        const end = data.byteLength - trailing;
        if (end > start) result += b4a.toString(data, "utf8", start, end);
        for (let i = end; i < data.byteLength; i++) {
          const byte = data[i];
          if (this.bytesNeeded === 0) {
            if (byte <= 127) {
              this.bytesSeen = 0;
              result += String.fromCharCode(byte);
            } else if (byte >= 194 && byte <= 223) {
              this.bytesNeeded = 2;
              this.bytesSeen = 1;
              this.codePoint = byte & 31;
            } else if (byte >= 224 && byte <= 239) {
              if (byte === 224) this.lowerBoundary = 160;
              else if (byte === 237) this.upperBoundary = 159;
              this.bytesNeeded = 3;
              this.bytesSeen = 1;
              this.codePoint = byte & 15;
            } else if (byte >= 240 && byte <= 244) {
              if (byte === 240) this.lowerBoundary = 144;
              else if (byte === 244) this.upperBoundary = 143;
              this.bytesNeeded = 4;
              this.bytesSeen = 1;
              this.codePoint = byte & 7;
            } else {
              this.bytesSeen = 1;
              result += "\uFFFD";
            }
            continue;
          }
          if (byte < this.lowerBoundary || byte > this.upperBoundary) {
            result += "\uFFFD";
            i--;
            this._reset();
            continue;
          }
          this.lowerBoundary = 128;
          this.upperBoundary = 191;
          this.codePoint = this.codePoint << 6 | byte & 63;
          this.bytesSeen++;
          if (this.bytesSeen === this.bytesNeeded) {
            result += String.fromCodePoint(this.codePoint);
            this._reset();
          }
        }
        return result;
      }
      flush() {
        const result = this.bytesNeeded > 0 ? "\uFFFD" : "";
        this._reset();
        return result;
      }
      _reset() {
        this.codePoint = 0;
        this.bytesNeeded = 0;
        this.bytesSeen = 0;
        this.lowerBoundary = 128;
        this.upperBoundary = 191;
      }
    };
    function trailingIncomplete(data, start) {
      const len = data.byteLength;
      if (len <= start) return 0;
      const limit = Math.max(start, len - 4);
      let i = len - 1;
      while (i > limit && (data[i] & 192) === 128) i--;
      if (i < start) return 0;
      const byte = data[i];
      let needed;
      if (byte <= 127) return 0;
      if (byte >= 194 && byte <= 223) needed = 2;
      else if (byte >= 224 && byte <= 239) needed = 3;
      else if (byte >= 240 && byte <= 244) needed = 4;
      else return 0;
      const available = len - i;
      return available < needed ? available : 0;
    }
    function trailingBytesSeen(data) {
      const len = data.byteLength;
      if (len === 0) return 0;
      const last = data[len - 1];
      if (last <= 127) return 0;
      if ((last & 192) !== 128) return 1;
      const limit = Math.max(0, len - 4);
      let i = len - 2;
      while (i >= limit && (data[i] & 192) === 128) i--;
      if (i < 0) return 1;
      const first = data[i];
      let needed;
      if (first >= 194 && first <= 223) needed = 2;
      else if (first >= 224 && first <= 239) needed = 3;
      else if (first >= 240 && first <= 244) needed = 4;
      else return 1;
      if (len - i !== needed) return 1;
      if (needed >= 3) {
        const second = data[i + 1];
        if (first === 224 && second < 160) return 1;
        if (first === 237 && second > 159) return 1;
        if (first === 240 && second < 144) return 1;
        if (first === 244 && second > 143) return 1;
      }
      return 0;
    }
  }
});

// node_modules/text-decoder/index.js
var require_text_decoder = __commonJS({
  "node_modules/text-decoder/index.js"(exports, module) {
    var PassThroughDecoder = require_pass_through_decoder();
    var UTF8Decoder = require_utf8_decoder();
    module.exports = class TextDecoder {
      constructor(encoding = "utf8") {
        this.encoding = normalizeEncoding(encoding);
        switch (this.encoding) {
          case "utf8":
            this.decoder = new UTF8Decoder();
            break;
          case "utf16le":
          case "base64":
            throw new Error("Unsupported encoding: " + this.encoding);
          default:
            this.decoder = new PassThroughDecoder(this.encoding);
        }
      }
      get remaining() {
        return this.decoder.remaining;
      }
      push(data) {
        if (typeof data === "string") return data;
        return this.decoder.decode(data);
      }
      // For Node.js compatibility
      write(data) {
        return this.push(data);
      }
      end(data) {
        let result = "";
        if (data) result = this.push(data);
        result += this.decoder.flush();
        return result;
      }
    };
    function normalizeEncoding(encoding) {
      encoding = encoding.toLowerCase();
      switch (encoding) {
        case "utf8":
        case "utf-8":
          return "utf8";
        case "ucs2":
        case "ucs-2":
        case "utf16le":
        case "utf-16le":
          return "utf16le";
        case "latin1":
        case "binary":
          return "latin1";
        case "base64":
        case "ascii":
        case "hex":
          return encoding;
        default:
          throw new Error("Unknown encoding: " + encoding);
      }
    }
  }
});

// node_modules/streamx/lib/errors.js
var require_errors = __commonJS({
  "node_modules/streamx/lib/errors.js"(exports, module) {
    module.exports = class StreamError extends Error {
      constructor(msg, code, fn = StreamError) {
        super(msg);
        this.code = code;
        if (Error.captureStackTrace) {
          Error.captureStackTrace(this, fn);
        }
      }
      static isStreamDestroyed(err) {
        return err && err.code === "STREAM_DESTROYED";
      }
      static isPrematureClose(err) {
        return err && err.code === "PREMATURE_CLOSE";
      }
      static isAborted(err) {
        return err && err.code === "ABORTED";
      }
      static isBadArgument(err) {
        return err && err.code === "BAD_ARGUMENT";
      }
      get name() {
        return "StreamError";
      }
      static STREAM_DESTROYED() {
        return new StreamError("Stream was destroyed", "STREAM_DESTROYED", StreamError.STREAM_DESTROYED);
      }
      static PREMATURE_CLOSE(msg = "Premature close") {
        return new StreamError(msg, "PREMATURE_CLOSE", StreamError.PREMATURE_CLOSE);
      }
      static ABORTED() {
        return new StreamError("Stream aborted", "ABORTED", StreamError.ABORTED);
      }
      static BAD_ARGUMENT(msg = "Bad argument") {
        return new StreamError(msg, "BAD_ARGUMENT", StreamError.BAD_ARGUMENT);
      }
    };
  }
});

// node_modules/streamx/index.js
var require_streamx = __commonJS({
  "node_modules/streamx/index.js"(exports, module) {
    var { EventEmitter } = require_default();
    var FIFO = require_fast_fifo();
    var TextDecoder = require_text_decoder();
    var StreamError = require_errors();
    var qmt = typeof queueMicrotask === "undefined" ? (fn) => global.process.nextTick(fn) : queueMicrotask;
    var MAX = (1 << 29) - 1;
    var OPENING = 1;
    var PREDESTROYING = 2;
    var DESTROYING = 4;
    var DESTROYED = 8;
    var NOT_OPENING = MAX ^ OPENING;
    var NOT_PREDESTROYING = MAX ^ PREDESTROYING;
    var READ_ACTIVE = 1 << 4;
    var READ_UPDATING = 2 << 4;
    var READ_PRIMARY = 4 << 4;
    var READ_QUEUED = 8 << 4;
    var READ_RESUMED = 16 << 4;
    var READ_PIPE_DRAINED = 32 << 4;
    var READ_ENDING = 64 << 4;
    var READ_EMIT_DATA = 128 << 4;
    var READ_EMIT_READABLE = 256 << 4;
    var READ_EMITTED_READABLE = 512 << 4;
    var READ_DONE = 1024 << 4;
    var READ_NEXT_TICK = 2048 << 4;
    var READ_NEEDS_PUSH = 4096 << 4;
    var READ_READ_AHEAD = 8192 << 4;
    var READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
    var READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
    var READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
    var READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
    var READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;
    var READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
    var READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
    var READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
    var READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
    var READ_PAUSED = MAX ^ READ_RESUMED;
    var READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
    var READ_NOT_ENDING = MAX ^ READ_ENDING;
    var READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
    var READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
    var READ_NOT_UPDATING = MAX ^ READ_UPDATING;
    var READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
    var READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;
    var WRITE_ACTIVE = 1 << 18;
    var WRITE_UPDATING = 2 << 18;
    var WRITE_PRIMARY = 4 << 18;
    var WRITE_QUEUED = 8 << 18;
    var WRITE_UNDRAINED = 16 << 18;
    var WRITE_DONE = 32 << 18;
    var WRITE_EMIT_DRAIN = 64 << 18;
    var WRITE_NEXT_TICK = 128 << 18;
    var WRITE_WRITING = 256 << 18;
    var WRITE_FINISHING = 512 << 18;
    var WRITE_CORKED = 1024 << 18;
    var WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
    var WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
    var WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
    var WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
    var WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
    var WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
    var WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
    var WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;
    var ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
    var NOT_ACTIVE = MAX ^ ACTIVE;
    var DONE = READ_DONE | WRITE_DONE;
    var DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
    var OPEN_STATUS = DESTROY_STATUS | OPENING;
    var AUTO_DESTROY = DESTROY_STATUS | DONE;
    var NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
    var ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
    var TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
    var IS_OPENING = OPEN_STATUS | TICKING;
    var READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
    var READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
    var READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
    var READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
    var SHOULD_NOT_READ = OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
    var READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
    var READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
    var READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;
    var WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
    var WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
    var WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
    var WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
    var WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
    var WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
    var WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
    var WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
    var WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;
    var asyncIterator = Symbol.asyncIterator || Symbol("asyncIterator");
    var WritableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark;
        this.buffered = 0;
        this.error = null;
        this.pipeline = null;
        this.drains = null;
        this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
        this.map = mapWritable || map;
        this.afterWrite = afterWrite.bind(this);
        this.afterUpdateNextTick = updateWriteNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & WRITE_FINISHING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & WRITE_DONE) !== 0;
      }
      push(data) {
        if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false;
        if (this.map !== null) data = this.map(data);
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        if (this.buffered < this.highWaterMark) {
          this.stream._duplexState |= WRITE_QUEUED;
          return true;
        }
        this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
        return false;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;
        return data;
      }
      end(data) {
        if (typeof data === "function") {
          this.stream.once("finish", data);
        } else if (data !== void 0 && data !== null) {
          this.push(data);
        }
        this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
      }
      autoBatch(data, cb) {
        const buffer = [];
        const stream = this.stream;
        buffer.push(data);
        while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
          buffer.push(stream._writableState.shift());
        }
        if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null);
        stream._writev(buffer, cb);
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= WRITE_UPDATING;
        do {
          while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
            const data = this.shift();
            stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
            stream._write(data, this.afterWrite);
          }
          if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
        } while (this.continueUpdate() === true);
        stream._duplexState &= WRITE_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
          stream._duplexState = stream._duplexState | WRITE_ACTIVE;
          stream._final(afterFinal.bind(this));
          return;
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTick() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= WRITE_NEXT_TICK;
        if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var ReadableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
        this.buffered = 0;
        this.readAhead = highWaterMark > 0;
        this.error = null;
        this.pipeline = null;
        this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
        this.map = mapReadable || map;
        this.pipeTo = null;
        this.afterRead = afterRead.bind(this);
        this.afterUpdateNextTick = updateReadNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & READ_ENDING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & READ_DONE) !== 0;
      }
      pipe(pipeTo, cb) {
        if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT("Can only pipe to one destination");
        if (typeof cb !== "function") cb = null;
        this.stream._duplexState |= READ_PIPE_DRAINED;
        this.pipeTo = pipeTo;
        this.pipeline = new Pipeline(this.stream, pipeTo, cb);
        if (cb) this.stream.on("error", noop);
        if (isStreamx(pipeTo)) {
          pipeTo._writableState.pipeline = this.pipeline;
          if (cb) pipeTo.on("error", noop);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        } else {
          const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
          const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null);
          pipeTo.on("error", onerror);
          pipeTo.on("close", onclose);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        }
        pipeTo.on("drain", afterDrain.bind(this));
        this.stream.emit("piping", pipeTo);
        pipeTo.emit("pipe", this.stream);
      }
      push(data) {
        const stream = this.stream;
        if (data === null) {
          this.highWaterMark = 0;
          stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
          return false;
        }
        if (this.map !== null) {
          data = this.map(data);
          if (data === null) {
            stream._duplexState &= READ_PUSHED;
            return this.buffered < this.highWaterMark;
          }
        }
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;
        return this.buffered < this.highWaterMark;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) {
          this.stream._duplexState &= READ_NOT_QUEUED;
        }
        return data;
      }
      unshift(data) {
        const pending = [this.map !== null ? this.map(data) : data];
        while (this.buffered > 0) pending.push(this.shift());
        for (let i = 0; i < pending.length - 1; i++) {
          const data2 = pending[i];
          this.buffered += this.byteLength(data2);
          this.queue.push(data2);
        }
        this.push(pending[pending.length - 1]);
      }
      read() {
        const stream = this.stream;
        if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
          return data;
        }
        if (this.readAhead === false) {
          stream._duplexState |= READ_READ_AHEAD;
          this.updateNextTick();
        }
        return null;
      }
      drain() {
        const stream = this.stream;
        while ((stream._duplexState & READ_STATUS) === READ_QUEUED && (stream._duplexState & READ_FLOWING) !== 0) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
        }
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= READ_UPDATING;
        do {
          this.drain();
          while (this.buffered < this.highWaterMark && (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD) {
            stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
            stream._read(this.afterRead);
            this.drain();
          }
          if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
            stream._duplexState |= READ_EMITTED_READABLE;
            stream.emit("readable");
          }
          if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
            this.updateNonPrimary();
          }
        } while (this.continueUpdate() === true);
        stream._duplexState &= READ_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
          stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
          stream.emit("end");
          if ((stream._duplexState & AUTO_DESTROY) === DONE) {
            stream._duplexState |= DESTROYING;
          }
          if (this.pipeTo !== null) {
            this.pipeTo.end();
          }
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTickIfOpen() {
        if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
      updateNextTick() {
        if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var TransformState = class {
      constructor(stream) {
        this.data = null;
        this.afterTransform = afterTransform.bind(stream);
        this.afterFinal = null;
      }
    };
    var Pipeline = class {
      constructor(src, dst, cb) {
        this.from = src;
        this.to = dst;
        this.afterPipe = cb;
        this.error = null;
        this.pipeToFinished = false;
      }
      finished() {
        this.pipeToFinished = true;
      }
      done(stream, err) {
        if (err) this.error = err;
        if (stream === this.to) {
          this.to = null;
          if (this.from !== null) {
            if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
              this.from.destroy(this.error || StreamError.PREMATURE_CLOSE("Writable stream closed"));
            }
            return;
          }
        }
        if (stream === this.from) {
          this.from = null;
          if (this.to !== null) {
            if ((stream._duplexState & READ_DONE) === 0) {
              this.to.destroy(this.error || StreamError.PREMATURE_CLOSE("Readable stream closed"));
            }
            return;
          }
        }
        if (this.afterPipe !== null) this.afterPipe(this.error);
        this.to = this.from = this.afterPipe = null;
      }
    };
    function afterDrain() {
      this.stream._duplexState |= READ_PIPE_DRAINED;
      this.updateCallback();
    }
    function afterFinal(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROY_STATUS) === 0) {
        stream._duplexState |= WRITE_DONE;
        stream.emit("finish");
      }
      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING;
      }
      stream._duplexState &= WRITE_NOT_FINISHING;
      if ((stream._duplexState & WRITE_UPDATING) === 0) {
        this.update();
      } else {
        this.updateNextTick();
      }
    }
    function afterDestroy(err) {
      const stream = this.stream;
      if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
      if (err) stream.emit("error", err);
      stream._duplexState |= DESTROYED;
      stream.emit("close");
      const rs = stream._readableState;
      const ws = stream._writableState;
      if (rs !== null && rs.pipeline !== null) {
        rs.pipeline.done(stream, err);
      }
      if (ws !== null) {
        while (ws.drains !== null && ws.drains.length > 0) {
          ws.drains.shift().resolve(false);
        }
        if (ws.pipeline !== null) {
          ws.pipeline.done(stream, err);
        }
      }
    }
    function afterWrite(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      stream._duplexState &= WRITE_NOT_ACTIVE;
      if (this.drains !== null) tickDrains(this.drains);
      if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
        stream._duplexState &= WRITE_DRAINED;
        if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
          stream.emit("drain");
        }
      }
      this.updateCallback();
    }
    function afterRead(err) {
      if (err) this.stream.destroy(err);
      this.stream._duplexState &= READ_NOT_ACTIVE;
      if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
        this.stream._duplexState &= READ_NO_READ_AHEAD;
      }
      this.updateCallback();
    }
    function updateReadNT() {
      if ((this.stream._duplexState & READ_UPDATING) === 0) {
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        this.update();
      }
    }
    function updateWriteNT() {
      if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        this.update();
      }
    }
    function tickDrains(drains) {
      for (let i = 0; i < drains.length; i++) {
        if (--drains[i].writes === 0) {
          drains.shift().resolve(true);
          i--;
        }
      }
    }
    function afterOpen(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROYING) === 0) {
        if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
          stream._duplexState |= READ_PRIMARY;
        }
        if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
          stream._duplexState |= WRITE_PRIMARY;
        }
        stream.emit("open");
      }
      stream._duplexState &= NOT_ACTIVE;
      if (stream._writableState !== null) {
        stream._writableState.updateCallback();
      }
      if (stream._readableState !== null) {
        stream._readableState.updateCallback();
      }
    }
    function afterTransform(err, data) {
      if (data !== void 0 && data !== null) this.push(data);
      this._writableState.afterWrite(err);
    }
    function newListener(name) {
      if (this._readableState !== null) {
        if (name === "data") {
          this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
          this._readableState.updateNextTick();
        }
        if (name === "readable") {
          this._duplexState |= READ_EMIT_READABLE;
          this._readableState.updateNextTick();
        }
      }
      if (this._writableState !== null) {
        if (name === "drain") {
          this._duplexState |= WRITE_EMIT_DRAIN;
          this._writableState.updateNextTick();
        }
      }
    }
    var Stream = class extends EventEmitter {
      constructor(opts) {
        super();
        this._duplexState = 0;
        this._readableState = null;
        this._writableState = null;
        if (opts) {
          if (opts.open) this._open = opts.open;
          if (opts.destroy) this._destroy = opts.destroy;
          if (opts.predestroy) this._predestroy = opts.predestroy;
          if (opts.signal) opts.signal.addEventListener("abort", abort.bind(this));
        }
        this.on("newListener", newListener);
      }
      _open(cb) {
        cb(null);
      }
      _destroy(cb) {
        cb(null);
      }
      _predestroy() {
      }
      get readable() {
        return this._readableState !== null ? true : void 0;
      }
      get writable() {
        return this._writableState !== null ? true : void 0;
      }
      get destroyed() {
        return (this._duplexState & DESTROYED) !== 0;
      }
      get destroying() {
        return (this._duplexState & DESTROY_STATUS) !== 0;
      }
      destroy(err) {
        if ((this._duplexState & DESTROY_STATUS) === 0) {
          if (!err) err = StreamError.STREAM_DESTROYED();
          this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;
          if (this._readableState !== null) {
            this._readableState.highWaterMark = 0;
            this._readableState.error = err;
          }
          if (this._writableState !== null) {
            this._writableState.highWaterMark = 0;
            this._writableState.error = err;
          }
          this._duplexState |= PREDESTROYING;
          this._predestroy();
          this._duplexState &= NOT_PREDESTROYING;
          if (this._readableState !== null) {
            this._readableState.updateNextTick();
          }
          if (this._writableState !== null) {
            this._writableState.updateNextTick();
          }
        }
      }
    };
    var Readable2 = class _Readable extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
        this._readableState = new ReadableState(this, opts);
        if (opts) {
          if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
          if (opts.read) this._read = opts.read;
          if (opts.eagerOpen) this._readableState.updateNextTick();
          if (opts.encoding) this.setEncoding(opts.encoding);
        }
      }
      static deferred(fn, opts) {
        const out = new PassThrough(opts);
        fn().then((src) => {
          if (src === null) return out.end();
          if (out.destroying) return;
          pipeline2(src, out, noop);
        }).catch((err) => out.destroy(err));
        return out;
      }
      setEncoding(encoding) {
        const dec = new TextDecoder(encoding);
        const map = this._readableState.map || echo;
        this._readableState.map = mapOrSkip;
        return this;
        function mapOrSkip(data) {
          const next = dec.push(data);
          return next === "" && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next);
        }
      }
      _read(cb) {
        cb(null);
      }
      pipe(dest, cb) {
        this._readableState.updateNextTick();
        this._readableState.pipe(dest, cb);
        return dest;
      }
      read() {
        this._readableState.updateNextTick();
        return this._readableState.read();
      }
      push(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.push(data);
      }
      unshift(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.unshift(data);
      }
      resume() {
        this._duplexState |= READ_RESUMED_READ_AHEAD;
        this._readableState.updateNextTick();
        return this;
      }
      pause() {
        this._duplexState &= this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
        return this;
      }
      static _fromAsyncIterator(ite, opts) {
        let destroy;
        const rs = new _Readable({
          ...opts,
          read(cb) {
            ite.next().then(push).then(cb.bind(null, null)).catch(cb);
          },
          predestroy() {
            destroy = ite.return();
          },
          destroy(cb) {
            if (!destroy) return cb(null);
            destroy.then(cb.bind(null, null)).catch(cb);
          }
        });
        return rs;
        function push(data) {
          if (data.done) rs.push(null);
          else rs.push(data.value);
        }
      }
      static from(data, opts) {
        if (isReadStreamx(data)) return data;
        if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts);
        if (!Array.isArray(data)) data = data === void 0 ? [] : [data];
        let i = 0;
        return new _Readable({
          ...opts,
          read(cb) {
            this.push(i === data.length ? null : data[i++]);
            cb(null);
          }
        });
      }
      static isBackpressured(rs) {
        return (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 || rs._readableState.buffered >= rs._readableState.highWaterMark;
      }
      static isPaused(rs) {
        return (rs._duplexState & READ_RESUMED) === 0;
      }
      [asyncIterator]() {
        const stream = this;
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        this.on("error", (err) => {
          error = err;
        });
        this.on("readable", onreadable);
        this.on("close", onclose);
        return {
          [asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(function(resolve2, reject) {
              promiseResolve = resolve2;
              promiseReject = reject;
              const data = stream.read();
              if (data !== null) ondata(data);
              else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
            });
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function onreadable() {
          if (promiseResolve !== null) ondata(stream.read());
        }
        function onclose() {
          if (promiseResolve !== null) ondata(null);
        }
        function ondata(data) {
          if (promiseReject === null) return;
          if (error) {
            promiseReject(error);
          } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
            promiseReject(StreamError.STREAM_DESTROYED());
          } else {
            promiseResolve({ value: data, done: data === null });
          }
          promiseReject = promiseResolve = null;
        }
        function destroy(err) {
          stream.destroy(err);
          return new Promise((resolve2, reject) => {
            if (stream._duplexState & DESTROYED) return resolve2({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve2({ value: void 0, done: true });
            });
          });
        }
      }
    };
    var Writable = class extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | READ_DONE;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
          if (opts.eagerOpen) this._writableState.updateNextTick();
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      static isBackpressured(ws) {
        return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0;
      }
      static drained(ws) {
        if (ws.destroyed) return Promise.resolve(false);
        const state = ws._writableState;
        const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
        const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
        if (writes === 0) return Promise.resolve(true);
        if (state.drains === null) state.drains = [];
        return new Promise((resolve2) => {
          state.drains.push({ writes, resolve: resolve2 });
        });
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Duplex = class extends Readable2 {
      // and Writable
      constructor(opts) {
        super(opts);
        this._duplexState = OPENING | this._duplexState & READ_READ_AHEAD;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Transform2 = class extends Duplex {
      constructor(opts) {
        super(opts);
        this._transformState = new TransformState(this);
        if (opts) {
          if (opts.transform) this._transform = opts.transform;
          if (opts.flush) this._flush = opts.flush;
        }
      }
      _write(data, cb) {
        if (this._readableState.buffered >= this._readableState.highWaterMark) {
          this._transformState.data = data;
        } else {
          this._transform(data, this._transformState.afterTransform);
        }
      }
      _read(cb) {
        if (this._transformState.data !== null) {
          const data = this._transformState.data;
          this._transformState.data = null;
          cb(null);
          this._transform(data, this._transformState.afterTransform);
        } else {
          cb(null);
        }
      }
      destroy(err) {
        super.destroy(err);
        if (this._transformState.data !== null) {
          this._transformState.data = null;
          this._transformState.afterTransform();
        }
      }
      _transform(data, cb) {
        cb(null, data);
      }
      _flush(cb) {
        cb(null);
      }
      _final(cb) {
        this._transformState.afterFinal = cb;
        this._flush(transformAfterFlush.bind(this));
      }
    };
    var PassThrough = class extends Transform2 {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve2, reject) => {
        return pipeline2(...streams, (err) => {
          if (err) return reject(err);
          resolve2();
        });
      });
    }
    function pipeline2(stream, ...streams) {
      const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
      const done = all.length && typeof all[all.length - 1] === "function" ? all.pop() : null;
      if (all.length < 2) throw StreamError.BAD_ARGUMENT("Pipeline requires at least 2 streams");
      let src = all[0];
      let dest = null;
      let error = null;
      for (let i = 1; i < all.length; i++) {
        dest = all[i];
        if (isStreamx(src)) {
          src.pipe(dest, onerror);
        } else {
          errorHandle(src, true, i > 1, onerror);
          src.pipe(dest);
        }
        src = dest;
      }
      if (done) {
        let fin = false;
        const autoDestroy = isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);
        dest.on("error", (err) => {
          if (error === null) error = err;
        });
        dest.on("finish", () => {
          fin = true;
          if (!autoDestroy) done(error);
        });
        if (autoDestroy) {
          dest.on("close", () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
        }
      }
      return dest;
      function errorHandle(s, rd, wr, onerror2) {
        s.on("error", onerror2);
        s.on("close", onclose);
        function onclose() {
          if (rd && s._readableState && !s._readableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
          if (wr && s._writableState && !s._writableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
        }
      }
      function onerror(err) {
        if (!err || error) return;
        error = err;
        for (const s of all) {
          s.destroy(err);
        }
      }
    }
    function echo(s) {
      return s;
    }
    function isStream(stream) {
      return !!stream._readableState || !!stream._writableState;
    }
    function isStreamx(stream) {
      return typeof stream._duplexState === "number" && isStream(stream);
    }
    function isEnding(stream) {
      return !!stream._readableState && stream._readableState.ending;
    }
    function isEnded(stream) {
      return !!stream._readableState && stream._readableState.ended;
    }
    function isFinishing(stream) {
      return !!stream._writableState && stream._writableState.ending;
    }
    function isFinished(stream) {
      return !!stream._writableState && stream._writableState.ended;
    }
    function getStreamError(stream, opts = {}) {
      const err = stream._readableState && stream._readableState.error || stream._writableState && stream._writableState.error;
      return !opts.all && StreamError.isStreamDestroyed(err) ? null : err;
    }
    function isReadStreamx(stream) {
      return isStreamx(stream) && stream.readable;
    }
    function isDisturbed(stream) {
      return (stream._duplexState & OPENING) !== OPENING || (stream._duplexState & DESTROYING) === DESTROYING || (stream._duplexState & ACTIVE_OR_TICKING) !== 0;
    }
    function isTypedArray(data) {
      return typeof data === "object" && data !== null && typeof data.byteLength === "number";
    }
    function defaultByteLength(data) {
      return isTypedArray(data) ? data.byteLength : 1024;
    }
    function noop() {
    }
    function abort() {
      this.destroy(StreamError.ABORTED());
    }
    function isWritev(s) {
      return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev;
    }
    module.exports = {
      pipeline: pipeline2,
      pipelinePromise,
      isStream,
      isStreamx,
      isEnding,
      isEnded,
      isFinishing,
      isFinished,
      isDisturbed,
      getStreamError,
      Stream,
      Writable,
      Readable: Readable2,
      Duplex,
      Transform: Transform2,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports) {
    var b4a = require_b4a();
    var ZEROS2 = "0000000000000000000";
    var SEVENS = "7777777777777777777";
    var ZERO_OFFSET = "0".charCodeAt(0);
    var USTAR_MAGIC = b4a.from([117, 115, 116, 97, 114, 0]);
    var USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
    var GNU_MAGIC = b4a.from([117, 115, 116, 97, 114, 32]);
    var GNU_VER = b4a.from([32, 0]);
    var MASK = 4095;
    var MAGIC_OFFSET = 257;
    var VERSION_OFFSET = 263;
    exports.decodeLongPath = function decodeLongPath(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports.encodePax = function encodePax(opts) {
      let result = "";
      if (opts.name) result += addLength(" path=" + opts.name + "\n");
      if (opts.linkname) result += addLength(" linkpath=" + opts.linkname + "\n");
      const pax = opts.pax;
      if (pax) {
        for (const key in pax) {
          result += addLength(" " + key + "=" + pax[key] + "\n");
        }
      }
      return b4a.from(result);
    };
    exports.decodePax = function decodePax(buf) {
      const result = {};
      while (buf.length) {
        let i = 0;
        while (i < buf.length && buf[i] !== 32) i++;
        const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
        if (!len) return result;
        const b = b4a.toString(buf.subarray(i + 1, len - 1));
        const keyIndex = b.indexOf("=");
        if (keyIndex === -1) return result;
        result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);
        buf = buf.subarray(len);
      }
      return result;
    };
    exports.encode = function encode2(opts) {
      const buf = b4a.alloc(512);
      let name = opts.name;
      let prefix = "";
      if (opts.typeflag === 5 && name[name.length - 1] !== "/") name += "/";
      if (b4a.byteLength(name) !== name.length) return null;
      while (b4a.byteLength(name) > 100) {
        const i = name.indexOf("/");
        if (i === -1) return null;
        prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i);
        name = name.slice(i + 1);
      }
      if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null;
      if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null;
      b4a.write(buf, name);
      b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
      b4a.write(buf, encodeOct(opts.uid, 6), 108);
      b4a.write(buf, encodeOct(opts.gid, 6), 116);
      encodeSize(opts.size, buf, 124);
      b4a.write(buf, encodeOct(opts.mtime.getTime() / 1e3 | 0, 11), 136);
      buf[156] = ZERO_OFFSET + toTypeflag(opts.type);
      if (opts.linkname) b4a.write(buf, opts.linkname, 157);
      b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
      b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
      if (opts.uname) b4a.write(buf, opts.uname, 265);
      if (opts.gname) b4a.write(buf, opts.gname, 297);
      b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
      b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);
      if (prefix) b4a.write(buf, prefix, 345);
      b4a.write(buf, encodeOct(cksum(buf), 6), 148);
      return buf;
    };
    exports.decode = function decode2(buf, filenameEncoding, allowUnknownFormat) {
      let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;
      let name = decodeStr(buf, 0, 100, filenameEncoding);
      const mode = decodeOct(buf, 100, 8);
      const uid = decodeOct(buf, 108, 8);
      const gid = decodeOct(buf, 116, 8);
      const size = decodeOct(buf, 124, 12);
      const mtime = decodeOct(buf, 136, 12);
      const type = toType(typeflag);
      const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
      const uname = decodeStr(buf, 265, 32);
      const gname = decodeStr(buf, 297, 32);
      const devmajor = decodeOct(buf, 329, 8);
      const devminor = decodeOct(buf, 337, 8);
      const c = cksum(buf);
      if (c === 8 * 32) return null;
      if (c !== decodeOct(buf, 148, 8)) throw new Error("Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?");
      if (isUSTAR(buf)) {
        if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + "/" + name;
      } else if (isGNU(buf)) {
      } else {
        if (!allowUnknownFormat) {
          throw new Error("Invalid tar header: unknown format.");
        }
      }
      if (typeflag === 0 && name && name[name.length - 1] === "/") typeflag = 5;
      return {
        name,
        mode,
        uid,
        gid,
        size,
        byteOffset: 0,
        mtime: new Date(1e3 * mtime),
        type,
        linkname,
        uname,
        gname,
        devmajor,
        devminor,
        pax: null
      };
    };
    function isUSTAR(buf) {
      return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6));
    }
    function isGNU(buf) {
      return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) && b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2));
    }
    function clamp(index, len, defaultValue) {
      if (typeof index !== "number") return defaultValue;
      index = ~~index;
      if (index >= len) return len;
      if (index >= 0) return index;
      index += len;
      if (index >= 0) return index;
      return 0;
    }
    function toType(flag) {
      switch (flag) {
        case 0:
          return "file";
        case 1:
          return "link";
        case 2:
          return "symlink";
        case 3:
          return "character-device";
        case 4:
          return "block-device";
        case 5:
          return "directory";
        case 6:
          return "fifo";
        case 7:
          return "contiguous-file";
        case 72:
          return "pax-header";
        case 55:
          return "pax-global-header";
        case 27:
          return "gnu-long-link-path";
        case 28:
        case 30:
          return "gnu-long-path";
      }
      return null;
    }
    function toTypeflag(flag) {
      switch (flag) {
        case "file":
          return 0;
        case "link":
          return 1;
        case "symlink":
          return 2;
        case "character-device":
          return 3;
        case "block-device":
          return 4;
        case "directory":
          return 5;
        case "fifo":
          return 6;
        case "contiguous-file":
          return 7;
        case "pax-header":
          return 72;
      }
      return 0;
    }
    function indexOf(block, num, offset, end) {
      for (; offset < end; offset++) {
        if (block[offset] === num) return offset;
      }
      return end;
    }
    function cksum(block) {
      let sum = 8 * 32;
      for (let i = 0; i < 148; i++) sum += block[i];
      for (let j = 156; j < 512; j++) sum += block[j];
      return sum;
    }
    function encodeOct(val, n) {
      val = val.toString(8);
      if (val.length > n) return SEVENS.slice(0, n) + " ";
      return ZEROS2.slice(0, n - val.length) + val + " ";
    }
    function encodeSizeBin(num, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--) {
        buf[off + i] = num & 255;
        num = Math.floor(num / 256);
      }
    }
    function encodeSize(num, buf, off) {
      if (num.toString(8).length > 11) {
        encodeSizeBin(num, buf, off);
      } else {
        b4a.write(buf, encodeOct(num, 11), off);
      }
    }
    function parse256(buf) {
      let positive;
      if (buf[0] === 128) positive = true;
      else if (buf[0] === 255) positive = false;
      else return null;
      const tuple = [];
      let i;
      for (i = buf.length - 1; i > 0; i--) {
        const byte = buf[i];
        if (positive) tuple.push(byte);
        else tuple.push(255 - byte);
      }
      let sum = 0;
      const l = tuple.length;
      for (i = 0; i < l; i++) {
        sum += tuple[i] * Math.pow(256, i);
      }
      return positive ? sum : -1 * sum;
    }
    function decodeOct(val, offset, length) {
      val = val.subarray(offset, offset + length);
      offset = 0;
      if (val[offset] & 128) {
        return parse256(val);
      } else {
        while (offset < val.length && val[offset] === 32) offset++;
        const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
        while (offset < end && val[offset] === 0) offset++;
        if (end === offset) return 0;
        return parseInt(b4a.toString(val.subarray(offset, end)), 8);
      }
    }
    function decodeStr(val, offset, length, encoding) {
      return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding);
    }
    function addLength(str) {
      const len = b4a.byteLength(str);
      let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      if (len + digits >= Math.pow(10, digits)) digits++;
      return len + digits + str;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports, module) {
    var { Writable, Readable: Readable2, getStreamError } = require_streamx();
    var FIFO = require_fast_fifo();
    var b4a = require_b4a();
    var headers = require_headers();
    var EMPTY = b4a.alloc(0);
    var MAX_HEADER_SIZE = 4 * 1024 * 1024;
    var BufferList = class {
      constructor() {
        this.buffered = 0;
        this.shifted = 0;
        this.queue = new FIFO();
        this._offset = 0;
      }
      push(buffer) {
        this.buffered += buffer.byteLength;
        this.queue.push(buffer);
      }
      shiftFirst(size) {
        return this.buffered === 0 ? null : this._next(size);
      }
      shift(size) {
        if (size > this.buffered) return null;
        if (size === 0) return EMPTY;
        let chunk = this._next(size);
        if (size === chunk.byteLength) return chunk;
        const chunks = [chunk];
        while ((size -= chunk.byteLength) > 0) {
          chunk = this._next(size);
          chunks.push(chunk);
        }
        return b4a.concat(chunks);
      }
      _next(size) {
        const buf = this.queue.peek();
        const rem = buf.byteLength - this._offset;
        if (size >= rem) {
          const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
          this.queue.shift();
          this._offset = 0;
          this.buffered -= rem;
          this.shifted += rem;
          return sub;
        }
        this.buffered -= size;
        this.shifted += size;
        return buf.subarray(this._offset, this._offset += size);
      }
    };
    var Source = class extends Readable2 {
      constructor(self, header, offset) {
        super();
        this.header = header;
        this.offset = offset;
        this._parent = self;
      }
      _read(cb) {
        if (this.header.size === 0) {
          this.push(null);
        }
        if (this._parent._stream === this) {
          this._parent._update();
        }
        cb(null);
      }
      _predestroy() {
        this._parent.destroy(getStreamError(this));
      }
      _detach() {
        if (this._parent._stream === this) {
          this._parent._stream = null;
          this._parent._missing = overflow(this.header.size);
          this._parent._update();
        }
      }
      _destroy(cb) {
        this._detach();
        cb(null);
      }
    };
    var Extract = class extends Writable {
      constructor(opts) {
        super(opts);
        if (!opts) opts = {};
        this._buffer = new BufferList();
        this._offset = 0;
        this._header = null;
        this._stream = null;
        this._missing = 0;
        this._longHeader = false;
        this._callback = noop;
        this._locked = false;
        this._finished = false;
        this._pax = null;
        this._paxGlobal = null;
        this._gnuLongPath = null;
        this._gnuLongLinkPath = null;
        this._filenameEncoding = opts.filenameEncoding || "utf-8";
        this._allowUnknownFormat = !!opts.allowUnknownFormat;
        this._unlockBound = this._unlock.bind(this);
      }
      _unlock(err) {
        this._locked = false;
        if (err) {
          this.destroy(err);
          this._continueWrite(err);
          return;
        }
        this._update();
      }
      _consumeHeader() {
        if (this._locked) return false;
        this._offset = this._buffer.shifted;
        try {
          this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        if (!this._header) return true;
        this._header.byteOffset = this._buffer.shifted;
        switch (this._header.type) {
          case "gnu-long-path":
          case "gnu-long-link-path":
          case "pax-global-header":
          case "pax-header":
            this._longHeader = true;
            this._missing = this._header.size;
            if (this._missing > MAX_HEADER_SIZE) {
              this._continueWrite(new Error("Header exceeds max size"));
              return false;
            }
            return true;
        }
        this._locked = true;
        this._applyLongHeaders();
        if (!(this._header.size >= 0)) {
          this._continueWrite(new Error("Invalid header"));
          return false;
        }
        if (this._header.size === 0 || this._header.type === "directory") {
          this.emit("entry", this._header, this._createStream(), this._unlockBound);
          return true;
        }
        this._stream = this._createStream();
        this._missing = this._header.size;
        this.emit("entry", this._header, this._stream, this._unlockBound);
        return true;
      }
      _applyLongHeaders() {
        if (this._gnuLongPath) {
          this._header.name = this._gnuLongPath;
          this._gnuLongPath = null;
        }
        if (this._gnuLongLinkPath) {
          this._header.linkname = this._gnuLongLinkPath;
          this._gnuLongLinkPath = null;
        }
        if (this._pax) {
          if (this._pax.path) this._header.name = this._pax.path;
          if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
          if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
          this._header.pax = this._pax;
          this._pax = null;
        }
      }
      _decodeLongHeader(buf) {
        switch (this._header.type) {
          case "gnu-long-path":
            this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "gnu-long-link-path":
            this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "pax-global-header":
            this._paxGlobal = headers.decodePax(buf);
            break;
          case "pax-header":
            this._pax = this._paxGlobal === null ? headers.decodePax(buf) : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
            break;
        }
      }
      _consumeLongHeader() {
        this._longHeader = false;
        this._missing = overflow(this._header.size);
        const buf = this._buffer.shift(this._header.size);
        try {
          this._decodeLongHeader(buf);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        return true;
      }
      _consumeStream() {
        const buf = this._buffer.shiftFirst(this._missing);
        if (buf === null) return false;
        this._missing -= buf.byteLength;
        const drained = this._stream.push(buf);
        if (this._missing === 0) {
          this._stream.push(null);
          if (drained) this._stream._detach();
          return drained && this._locked === false;
        }
        return drained;
      }
      _createStream() {
        return new Source(this, this._header, this._offset);
      }
      _update() {
        while (this._buffer.buffered > 0 && !this.destroying) {
          if (this._missing > 0) {
            if (this._stream !== null) {
              if (this._consumeStream() === false) return;
              continue;
            }
            if (this._longHeader === true) {
              if (this._missing > this._buffer.buffered) break;
              if (this._consumeLongHeader() === false) return false;
              continue;
            }
            const ignore = this._buffer.shiftFirst(this._missing);
            if (ignore !== null) this._missing -= ignore.byteLength;
            continue;
          }
          if (this._buffer.buffered < 512) break;
          if (this._stream !== null || this._consumeHeader() === false) return;
        }
        this._continueWrite(null);
      }
      _continueWrite(err) {
        const cb = this._callback;
        this._callback = noop;
        cb(err);
      }
      _write(data, cb) {
        this._callback = cb;
        this._buffer.push(data);
        this._update();
      }
      _final(cb) {
        this._finished = this._missing === 0 && this._buffer.buffered === 0;
        cb(this._finished ? null : new Error("Unexpected end of data"));
      }
      _predestroy() {
        this._continueWrite(null);
      }
      _destroy(cb) {
        if (this._stream) this._stream.destroy(getStreamError(this));
        cb(null);
      }
      [Symbol.asyncIterator]() {
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        let entryStream = null;
        let entryCallback = null;
        const extract = this;
        this.on("entry", onentry);
        this.on("error", (err) => {
          error = err;
        });
        this.on("close", onclose);
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(onnext);
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function consumeCallback(err) {
          if (!entryCallback) return;
          const cb = entryCallback;
          entryCallback = null;
          cb(err);
        }
        function onnext(resolve2, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve2({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve2;
          promiseReject = reject;
          consumeCallback(null);
          if (extract._finished && promiseResolve) {
            promiseResolve({ value: void 0, done: true });
            promiseResolve = promiseReject = null;
          }
        }
        function onentry(header, stream, callback) {
          entryCallback = callback;
          stream.on("error", noop);
          if (promiseResolve) {
            promiseResolve({ value: stream, done: false });
            promiseResolve = promiseReject = null;
          } else {
            entryStream = stream;
          }
        }
        function onclose() {
          consumeCallback(error);
          if (!promiseResolve) return;
          if (error) promiseReject(error);
          else promiseResolve({ value: void 0, done: true });
          promiseResolve = promiseReject = null;
        }
        function destroy(err) {
          extract.destroy(err);
          consumeCallback(err);
          return new Promise((resolve2, reject) => {
            if (extract.destroyed) return resolve2({ value: void 0, done: true });
            extract.once("close", function() {
              if (err) reject(err);
              else resolve2({ value: void 0, done: true });
            });
          });
        }
      }
    };
    module.exports = function extract(opts) {
      return new Extract(opts);
    };
    function noop() {
    }
    function overflow(size) {
      size &= 511;
      return size && 512 - size;
    }
  }
});

// node_modules/tar-stream/constants.js
var require_constants = __commonJS({
  "node_modules/tar-stream/constants.js"(exports, module) {
    var constants2 = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants2;
    } catch {
      module.exports = constants2;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports, module) {
    var { Readable: Readable2, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants2 = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR = b4a.alloc(1024);
    var Sink = class extends Writable {
      constructor(pack, header, callback) {
        super({ mapWritable, eagerOpen: true });
        this.written = 0;
        this.header = header;
        this._callback = callback;
        this._linkname = null;
        this._isLinkname = header.type === "symlink" && !header.linkname;
        this._isVoid = header.type !== "file" && header.type !== "contiguous-file";
        this._finished = false;
        this._pack = pack;
        this._openCallback = null;
        if (this._pack._stream === null) this._pack._stream = this;
        else this._pack._pending.push(this);
      }
      _open(cb) {
        this._openCallback = cb;
        if (this._pack._stream === this) this._continueOpen();
      }
      _continuePack(err) {
        if (this._callback === null) return;
        const callback = this._callback;
        this._callback = null;
        callback(err);
      }
      _continueOpen() {
        if (this._pack._stream === null) this._pack._stream = this;
        const cb = this._openCallback;
        this._openCallback = null;
        if (cb === null) return;
        if (this._pack.destroying) return cb(new Error("pack stream destroyed"));
        if (this._pack._finalized) return cb(new Error("pack stream is already finalized"));
        this._pack._stream = this;
        if (!this._isLinkname) {
          this._pack._encode(this.header);
        }
        if (this._isVoid) {
          this._finish();
          this._continuePack(null);
        }
        cb(null);
      }
      _write(data, cb) {
        if (this._isLinkname) {
          this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
          return cb(null);
        }
        if (this._isVoid) {
          if (data.byteLength > 0) {
            return cb(new Error("No body allowed for this entry"));
          }
          return cb();
        }
        this.written += data.byteLength;
        if (this._pack.push(data)) return cb();
        this._pack._drain = cb;
      }
      _finish() {
        if (this._finished) return;
        this._finished = true;
        if (this._isLinkname) {
          this.header.linkname = this._linkname ? b4a.toString(this._linkname, "utf-8") : "";
          this._pack._encode(this.header);
        }
        overflow(this._pack, this.header.size);
        this._pack._done(this);
      }
      _final(cb) {
        if (this.written !== this.header.size) {
          return cb(new Error("Size mismatch"));
        }
        this._finish();
        cb(null);
      }
      _getError() {
        return getStreamError(this) || new Error("tar entry destroyed");
      }
      _predestroy() {
        this._pack.destroy(this._getError());
      }
      _destroy(cb) {
        this._pack._done(this);
        this._continuePack(this._finished ? null : this._getError());
        cb();
      }
    };
    var Pack = class extends Readable2 {
      constructor(opts) {
        super(opts);
        this._drain = noop;
        this._finalized = false;
        this._finalizing = false;
        this._pending = [];
        this._stream = null;
      }
      entry(header, buffer, callback) {
        if (this._finalized || this.destroying) throw new Error("already finalized or destroyed");
        if (typeof buffer === "function") {
          callback = buffer;
          buffer = null;
        }
        if (!callback) callback = noop;
        if (!header.size || header.type === "symlink") header.size = 0;
        if (!header.type) header.type = modeToType(header.mode);
        if (!header.mode) header.mode = header.type === "directory" ? DMODE : FMODE;
        if (!header.uid) header.uid = 0;
        if (!header.gid) header.gid = 0;
        if (!header.mtime) header.mtime = /* @__PURE__ */ new Date();
        if (typeof buffer === "string") buffer = b4a.from(buffer);
        const sink = new Sink(this, header, callback);
        if (b4a.isBuffer(buffer)) {
          header.size = buffer.byteLength;
          sink.write(buffer);
          sink.end();
          return sink;
        }
        if (sink._isVoid) {
          return sink;
        }
        return sink;
      }
      finalize() {
        if (this._stream || this._pending.length > 0) {
          this._finalizing = true;
          return;
        }
        if (this._finalized) return;
        this._finalized = true;
        this.push(END_OF_TAR);
        this.push(null);
      }
      _done(stream) {
        if (stream !== this._stream) return;
        this._stream = null;
        if (this._finalizing) this.finalize();
        if (this._pending.length) this._pending.shift()._continueOpen();
      }
      _encode(header) {
        if (!header.pax) {
          const buf = headers.encode(header);
          if (buf) {
            this.push(buf);
            return;
          }
        }
        this._encodePax(header);
      }
      _encodePax(header) {
        const paxHeader = headers.encodePax({
          name: header.name,
          linkname: header.linkname,
          pax: header.pax
        });
        const newHeader = {
          name: "PaxHeader",
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          size: paxHeader.byteLength,
          mtime: header.mtime,
          type: "pax-header",
          linkname: header.linkname && "PaxHeader",
          uname: header.uname,
          gname: header.gname,
          devmajor: header.devmajor,
          devminor: header.devminor
        };
        this.push(headers.encode(newHeader));
        this.push(paxHeader);
        overflow(this, paxHeader.byteLength);
        newHeader.size = header.size;
        newHeader.type = header.type;
        this.push(headers.encode(newHeader));
      }
      _doDrain() {
        const drain = this._drain;
        this._drain = noop;
        drain();
      }
      _predestroy() {
        const err = getStreamError(this);
        if (this._stream) this._stream.destroy(err);
        while (this._pending.length) {
          const stream = this._pending.shift();
          stream.destroy(err);
          stream._continueOpen();
        }
        this._doDrain();
      }
      _read(cb) {
        this._doDrain();
        cb();
      }
    };
    module.exports = function pack(opts) {
      return new Pack(opts);
    };
    function modeToType(mode) {
      switch (mode & constants2.S_IFMT) {
        case constants2.S_IFBLK:
          return "block-device";
        case constants2.S_IFCHR:
          return "character-device";
        case constants2.S_IFDIR:
          return "directory";
        case constants2.S_IFIFO:
          return "fifo";
        case constants2.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop() {
    }
    function overflow(self, size) {
      size &= 511;
      if (size) self.push(END_OF_TAR.subarray(0, 512 - size));
    }
    function mapWritable(buf) {
      return b4a.isBuffer(buf) ? buf : b4a.from(buf);
    }
  }
});

// node_modules/tar-stream/index.js
var require_tar_stream = __commonJS({
  "node_modules/tar-stream/index.js"(exports) {
    exports.extract = require_extract();
    exports.pack = require_pack();
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

// src/build/blob-report.ts
import { createHash as createHash3 } from "node:crypto";

// src/ramdisk/cpio-writer.ts
import { createHash } from "node:crypto";

// src/ramdisk/cpio-header.ts
var NEWC_MAGIC = "070701";
var NEWC_HEADER_SIZE = 110;
var FIRST_INODE = 721;
var CPIO_DEV_MAJOR = 3;
var CPIO_DEV_MINOR = 1;
var TRAILER_NAME = "TRAILER!!!";
var ARCHIVE_BLOCK = 512;
var MAX_FIELD = 4294967295;
var MODE_TYPE = {
  file: 32768,
  dir: 16384,
  symlink: 40960,
  char: 8192,
  block: 24576,
  fifo: 4096
};
var PERMISSION_MASK = 4095;
function align4(n) {
  return Math.ceil(n / 4) * 4;
}
function checkField(value, field, name) {
  if (!Number.isInteger(value) || value < 0 || value > MAX_FIELD) {
    throw new FormatError(
      `cpio entry ${JSON.stringify(name)}: ${field} ${value} cannot be represented in a newc header (0..0xffffffff)`
    );
  }
  return value;
}
var MAGIC_BYTES = Buffer.from(NEWC_MAGIC, "latin1");
var HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");
function putHex8(target, at, value) {
  for (let shift = 28; shift >= 0; shift -= 4) target[at++] = HEX_DIGITS[value >>> shift & 15];
  return at;
}
function encodeNewcHeader(h, target = Buffer.allocUnsafe(NEWC_HEADER_SIZE), at = 0) {
  let pos = at + MAGIC_BYTES.copy(target, at);
  pos = putHex8(target, pos, h.ino);
  pos = putHex8(target, pos, h.mode);
  pos = putHex8(target, pos, h.uid);
  pos = putHex8(target, pos, h.gid);
  pos = putHex8(target, pos, h.nlink);
  pos = putHex8(target, pos, h.mtime);
  pos = putHex8(target, pos, h.filesize);
  pos = putHex8(target, pos, CPIO_DEV_MAJOR);
  pos = putHex8(target, pos, CPIO_DEV_MINOR);
  pos = putHex8(target, pos, h.rdevmajor);
  pos = putHex8(target, pos, h.rdevminor);
  pos = putHex8(target, pos, h.namesize);
  putHex8(target, pos, 0);
  return target;
}

// src/ramdisk/relative-link.ts
function cleanPath(path) {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const out = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}
function dirPath(path) {
  const slash = path.lastIndexOf("/");
  return cleanPath(path.slice(0, slash + 1));
}
function relativePath(basePath, targetPath) {
  const base = cleanPath(basePath);
  const target = cleanPath(targetPath);
  if (base === target) return ".";
  const baseParts = base === "." ? [] : splitPath(base);
  const targetParts = splitPath(target);
  if (base.startsWith("/") !== target.startsWith("/")) return void 0;
  let common = 0;
  while (common < baseParts.length && common < targetParts.length && baseParts[common] === targetParts[common]) {
    common += 1;
  }
  const up = baseParts.slice(common);
  if (up[0] === "..") return void 0;
  const down = targetParts.slice(common);
  return [...up.map(() => ".."), ...down].join("/");
}
function splitPath(path) {
  return path === "/" ? [""] : path.split("/");
}
function hardLinkTarget(name, linkname) {
  return relativePath(dirPath(name), linkname) ?? `/${linkname}`;
}

// src/ramdisk/cpio-writer.ts
function resolveEntry(entry, ino) {
  const { name } = entry;
  if (name === "" || name.includes("\0")) throw new FormatError(`cpio entry ${JSON.stringify(name)}: invalid name`);
  const linkTarget = linkTargetOf(entry);
  const typeBits = MODE_TYPE[entry.type === "hardlink" ? "symlink" : entry.type];
  const filesize = linkTarget !== void 0 ? Buffer.byteLength(linkTarget) : entry.type === "file" ? entry.size : 0;
  const header = {
    ino,
    mode: entry.mode & PERMISSION_MASK | typeBits,
    uid: checkField(entry.uid, "uid", name),
    gid: checkField(entry.gid, "gid", name),
    nlink: entry.type === "dir" ? 2 : 1,
    mtime: checkField(entry.mtime, "mtime", name),
    filesize: checkField(filesize, "size", name),
    rdevmajor: checkField(entry.rdevmajor ?? 0, "rdevmajor", name),
    rdevminor: checkField(entry.rdevminor ?? 0, "rdevminor", name),
    namesize: Buffer.byteLength(name) + 1
  };
  const file = entry.type === "file";
  return { name, header, linkTarget, data: file ? entry.data : void 0, dataCrc32: file ? entry.crc32 : void 0 };
}
function linkTargetOf(entry) {
  if (entry.type !== "symlink" && entry.type !== "hardlink") return void 0;
  if (entry.linkname === void 0) throw new FormatError(`cpio entry ${JSON.stringify(entry.name)}: link without a target`);
  return entry.type === "hardlink" ? hardLinkTarget(entry.name, entry.linkname) : entry.linkname;
}
function entrySpan(header) {
  return align4(NEWC_HEADER_SIZE + header.namesize) + align4(header.filesize);
}
function trailerHeader(ino) {
  return { ino, mode: 0, uid: 0, gid: 0, nlink: 1, mtime: 0, filesize: 0, rdevmajor: 0, rdevminor: 0, namesize: TRAILER_NAME.length + 1 };
}
function* resolveEntries(entries) {
  let ino = FIRST_INODE;
  for (const entry of entries) {
    yield resolveEntry(entry, ino);
    ino += 1;
  }
  yield { name: TRAILER_NAME, header: trailerHeader(ino), trailer: true };
}
function planCpio(entries) {
  let size = 0;
  let crc = 0;
  for (const entry of resolveEntries(entries)) {
    size += entrySpan(entry.header);
    if (crc !== void 0) crc = entryCrc(entry, crc);
  }
  const padded = Math.ceil(size / ARCHIVE_BLOCK) * ARCHIVE_BLOCK;
  return { size: padded, ...crc !== void 0 ? { crc32: crc32(zeros(padded - size), crc) } : {} };
}
function entryCrc(entry, crc) {
  const { header } = entry;
  let next = crc32(headBytes(entry), crc);
  if (entry.linkTarget !== void 0) next = crc32(Buffer.from(entry.linkTarget, "utf8"), next);
  else if (entry.data instanceof Uint8Array) next = crc32(entry.data.subarray(0, header.filesize), next);
  else if (header.filesize > 0) {
    if (entry.dataCrc32 === void 0) return void 0;
    next = crc32Combine(next, entry.dataCrc32, header.filesize);
  }
  return crc32(zeros(align4(header.filesize) - header.filesize), next);
}
function headBytes(entry) {
  const head = Buffer.allocUnsafe(align4(NEWC_HEADER_SIZE + entry.header.namesize));
  encodeNewcHeader(entry.header, head, 0);
  const written = head.write(entry.name, NEWC_HEADER_SIZE, "utf8");
  head.fill(0, NEWC_HEADER_SIZE + written);
  return head;
}
function cpioArchive(entries, observer) {
  const { size, crc32: crc322 } = planCpio(entries());
  return { size, stream: () => writeCpio(entries(), size, observer), ...crc322 !== void 0 ? { crc32: crc322 } : {} };
}
async function* writeCpio(entries, plannedSize, observer) {
  const out = new ChunkBatcher();
  for (const entry of resolveEntries(entries)) {
    const { header } = entry;
    const offset = out.total;
    yield* out.push(headBytes(entry));
    const regular = (header.mode & 61440) === MODE_TYPE.file;
    const hash = observer?.hashData && regular ? createHash("sha256") : void 0;
    if (entry.linkTarget !== void 0) yield* out.push(Buffer.from(entry.linkTarget, "utf8"));
    else if (entry.data !== void 0 || header.filesize > 0) yield* streamData(entry, out, hash);
    yield* out.push(zeros(align4(header.filesize) - header.filesize));
    if (observer && !entry.trailer) {
      observer.onEntry({ name: entry.name, offset, header, linkTarget: entry.linkTarget, sha256: hash?.digest("hex") });
    }
  }
  const written = out.total;
  const padded = Math.ceil(written / ARCHIVE_BLOCK) * ARCHIVE_BLOCK;
  yield* out.push(zeros(padded - written));
  yield* out.flush();
  if (plannedSize !== void 0 && padded !== plannedSize) {
    throw new FormatError(`cpio archive: wrote ${padded} bytes, planned ${plannedSize} (entries changed between passes)`);
  }
}
async function* streamData(entry, out, hash) {
  const declared = entry.header.filesize;
  if (entry.data === void 0) throw new FormatError(`cpio entry ${JSON.stringify(entry.name)}: no data for ${declared} bytes`);
  const chunks = entry.data instanceof Uint8Array ? [entry.data] : entry.data();
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.byteLength;
    if (seen > declared) break;
    hash?.update(chunk);
    yield* out.push(chunk);
  }
  if (seen !== declared) {
    throw new FormatError(
      `cpio entry ${JSON.stringify(entry.name)}: data is ${seen > declared ? "longer" : "shorter"} than its declared size ${declared}`
    );
  }
}
var ZEROS = Buffer.alloc(ARCHIVE_BLOCK);
function zeros(n) {
  return ZEROS.subarray(0, n);
}
var ChunkBatcher = class _ChunkBatcher {
  static TARGET = 256 * 1024;
  /** Pieces this large are yielded as they are (after what is pending). */
  static PASS_THROUGH = 64 * 1024;
  #buffer = Buffer.allocUnsafe(_ChunkBatcher.TARGET);
  #pending = 0;
  total = 0;
  *push(bytes) {
    if (bytes.byteLength === 0) return;
    this.total += bytes.byteLength;
    if (bytes.byteLength >= _ChunkBatcher.PASS_THROUGH) {
      yield* this.flush();
      yield bytes;
      return;
    }
    if (this.#pending + bytes.byteLength > _ChunkBatcher.TARGET) yield* this.flush();
    this.#buffer.set(bytes, this.#pending);
    this.#pending += bytes.byteLength;
  }
  *flush() {
    if (this.#pending === 0) return;
    const full = this.#buffer.subarray(0, this.#pending);
    this.#pending = 0;
    if (full.byteLength < _ChunkBatcher.TARGET / 2) {
      yield Buffer.from(full);
      return;
    }
    this.#buffer = Buffer.allocUnsafe(_ChunkBatcher.TARGET);
    yield full;
  }
};

// src/ramdisk/linuxkit-defaults.ts
var LINUXKIT_MTIME = 1492533e3;
var GENERATED_DIR_MODE = 493;
var GENERATED_FILE_MODE = 420;
var ROOTFS_DIR = "rootfs";

// src/ramdisk/bootstrap.ts
var BOOTSTRAP_BLOB_MODE = 493;
function bootstrapEntries(blobs) {
  const generated = { uid: 0, gid: 0, mtime: LINUXKIT_MTIME };
  return [
    { ...generated, name: "dev", type: "dir", mode: GENERATED_DIR_MODE, size: 0 },
    { ...generated, name: "init", type: "file", mode: BOOTSTRAP_BLOB_MODE, size: blobs.init.size, data: blobs.init.data },
    { ...generated, name: "nsm.ko", type: "file", mode: BOOTSTRAP_BLOB_MODE, size: blobs.nsm.size, data: blobs.nsm.data }
  ];
}
function bootstrapRamdisk(blobs) {
  return cpioArchive(() => bootstrapEntries(blobs));
}

// src/build/blobs.ts
import { readFile, stat } from "node:fs/promises";
import { createHash as createHash2 } from "node:crypto";
import { join } from "node:path";

// src/build/kernel-config.ts
var UNKNOWN_KERNEL_FIELD = "Unknown";
var KERNEL_ARCH = { x86_64: "x86_64", x86: "x86_64", arm64: "aarch64", aarch64: "aarch64" };
function parseKernelConfig(text, path) {
  const line = text.split("\n")[2];
  if (line === void 0) throw new UserError(`kernel config ${path}: fewer than 3 lines`, { code: "format" });
  const words = line.replace(/\r$/, "").split(/[ /-]/);
  return {
    os: words[1] ?? UNKNOWN_KERNEL_FIELD,
    version: words[3] ?? UNKNOWN_KERNEL_FIELD,
    arch: KERNEL_ARCH[words[2] ?? ""]
  };
}

// src/build/known-blobs.ts
var KNOWN_BLOB_SETS = [
  {
    name: "aws-nitro-enclaves-cli github blobs x86_64",
    arch: "x86_64",
    sha384: {
      bzImage: "127b320741835315a4b05fd4b7d063771d9097af887a42296809ff1f98971ec99a1c5f865cfa8be2b3562547369821c4",
      init: "ba660d640a91dbebffd62dc272e9d88fba86c0ed67f5ca643f5f028db00333305302070c0cdd2c5231383b99b6488959",
      "nsm.ko": "993d1f27554ffa16672a06a3ce0c84bd862c05bbec5eccd69fab94414f4d4ea37e2520aa60bc2c9c5d3ad2c5d4657b50",
      cmdline: "cefb9209bc63dbab600937db2c945fd08d5a9a97b74ead867b4487920bf2b7914a9b4f569bb9aabb884044a221ab0b0f"
    }
  },
  {
    name: "aws-nitro-enclaves-cli github blobs aarch64 (init, nsm.ko; kernel not pinned)",
    arch: "aarch64",
    sha384: {
      init: "e566b36e125531b13d976e412a7102bce09c7695416088cb6b2003ec951067f0122f8839ceed2348abd577ec04df82b2",
      "nsm.ko": "e29aba7bc9075f52935f1facc5dabe4155bd95784596c4e27928a4c6947235381fc1dc5dab42f17b81fd97060f5e7097"
    }
  }
];
function recogniseBlobSet(arch, hashes) {
  const match = KNOWN_BLOB_SETS.find(
    (set) => set.arch === arch && Object.entries(set.sha384).every(([name, sha]) => hashes[name] === sha)
  );
  return match?.name;
}

// src/build/blobs.ts
var DEFAULT_BLOBS_DIR = "/usr/share/nitro_enclaves/blobs";
var MAX_BLOB_SIZE = 128 * 1024 * 1024;
var KERNEL_FILE = { x86_64: "bzImage", aarch64: "Image" };
var CMDLINE_FILE = "cmdline";
var INIT_FILE = "init";
var NSM_FILE = "nsm.ko";
function blobHashes(set) {
  const blobs = [set.kernel, set.kernelConfig, set.cmdline, set.init, set.nsm];
  return Object.fromEntries(blobs.map((b) => [b.name, b.sha384]));
}
async function loadBlobs(options) {
  const { dir, arch } = options;
  const kernelName = KERNEL_FILE[arch];
  await refuseOtherArch(dir, arch);
  const [kernel, kernelConfig, cmdline, init, nsm] = await Promise.all(
    [kernelName, `${kernelName}.config`, CMDLINE_FILE, INIT_FILE, NSM_FILE].map((name) => readBlob(dir, name))
  );
  const kernelInfo = parseKernelConfig(Buffer.from(kernelConfig.bytes).toString("utf8"), kernelConfig.path);
  if (kernelInfo.arch !== void 0 && kernelInfo.arch !== arch) {
    throw new UserError(
      `blobs directory ${dir}: ${kernelConfig.name} is for ${kernelInfo.arch}, but the image is ${arch}`,
      { code: "mismatch" }
    );
  }
  const set = { dir, arch, kernel, kernelConfig, cmdline, init, nsm, kernelInfo, cmdlineText: Buffer.from(cmdline.bytes).toString("utf8").trim() };
  if (options.lock) checkBlobLock(blobHashes(set), options.lock);
  return { ...set, recognisedSet: recogniseBlobSet(arch, blobHashes(set)) };
}
async function refuseOtherArch(dir, arch) {
  const other = arch === "x86_64" ? "aarch64" : "x86_64";
  const [mine, theirs] = await Promise.all([exists(join(dir, KERNEL_FILE[arch])), exists(join(dir, KERNEL_FILE[other]))]);
  if (!mine && theirs) {
    throw new UserError(
      `blobs directory ${dir} holds an ${other} kernel (${KERNEL_FILE[other]}), but the image is ${arch} (needs ${KERNEL_FILE[arch]})`,
      { code: "mismatch" }
    );
  }
}
async function exists(path) {
  return stat(path).then(() => true, () => false);
}
async function readBlob(dir, name) {
  const path = join(dir, name);
  const info = await stat(path).catch((cause) => {
    throw new UserError(`blobs directory ${dir}: missing ${name}`, { code: "not-found", cause });
  });
  if (!info.isFile()) throw new UserError(`blob ${path} is not a regular file`);
  if (info.size > MAX_BLOB_SIZE) throw new UserError(`blob ${path} is ${info.size} bytes, more than any real blob (${MAX_BLOB_SIZE})`);
  const bytes = new Uint8Array(await readFile(path));
  return { name, path, bytes, sha384: createHash2("sha384").update(bytes).digest("hex") };
}
function checkBlobLock(actual, lock) {
  for (const name of Object.keys(lock)) {
    if (!(name in actual)) {
      throw new UserError(`blob lock names ${JSON.stringify(name)}, which this build does not use (uses ${Object.keys(actual).join(", ")})`);
    }
  }
  for (const [name, sha384] of Object.entries(actual)) {
    const pinned = lock[name];
    if (pinned === void 0) throw new UserError(`blob lock does not pin ${name} (sha384 ${sha384})`);
    if (pinned.toLowerCase().replace(/^0x/, "") !== sha384) {
      throw new VerificationError(`blob ${name}: sha384 ${sha384} does not match the lock's ${pinned}`);
    }
  }
}
async function readBlobLock(path) {
  const text = await readFile(path, "utf8").catch((cause) => {
    throw new UserError(`blob lock ${path}: cannot read it`, { code: "not-found", cause });
  });
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new UserError(`blob lock ${path}: not valid JSON`, { code: "format", cause });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UserError(`blob lock ${path}: expected a JSON object of blob name \u2192 sha384`, { code: "format" });
  }
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== "string" || !/^(0x)?[0-9a-fA-F]{96}$/.test(value)) {
      throw new UserError(`blob lock ${path}: ${name} is not a sha384 (96 hex digits)`, { code: "format" });
    }
  }
  return parsed;
}
function eifArchOf(architecture) {
  if (architecture === "amd64") return "x86_64";
  if (architecture === "arm64") return "aarch64";
  throw new UserError(`image architecture ${JSON.stringify(architecture)} is not supported by Nitro Enclaves (amd64 or arm64)`, {
    code: "unsupported"
  });
}

// src/build/blob-report.ts
async function bootstrapDigest(set) {
  const blob = (b) => ({ size: b.bytes.byteLength, data: b.bytes });
  const ramdisk = bootstrapRamdisk({ init: blob(set.init), nsm: blob(set.nsm) });
  const hash = createHash3("sha384");
  for await (const chunk of ramdisk.stream()) hash.update(chunk);
  return { size: ramdisk.size, sha384: hash.digest("hex") };
}
async function blobReport(set) {
  return {
    arch: set.arch,
    set: set.recognisedSet ?? null,
    sha384: blobHashes(set),
    cmdline: set.cmdlineText,
    kernel: { os: set.kernelInfo.os, version: set.kernelInfo.version },
    bootstrap: await bootstrapDigest(set)
  };
}

// src/cli/commands/blobs.ts
function register(program2) {
  program2.addCommand(
    newCommand("blobs").description("Hash a blob set (kernel, cmdline, init, nsm.ko) and print its bootstrap ramdisk size and SHA-384").option("--blobs-dir <dir>", "blobs in nitro-cli layout", DEFAULT_BLOBS_DIR).option("--arch <arch>", "x86_64 or aarch64", "x86_64").option("--blobs-sha384 <file>", "check the blobs against this lock file").option("--write-lock <file>", "write the blobs' SHA-384 as a lock file for build-enclave --blobs-sha384").action(async (flags) => {
      if (flags.arch !== "x86_64" && flags.arch !== "aarch64") {
        throw new UserError(`--arch: expected x86_64 or aarch64, got ${JSON.stringify(flags.arch)}`, { code: "usage" });
      }
      const lock = flags.blobsSha384 ? await readBlobLock(flags.blobsSha384) : void 0;
      const set = await loadBlobs({ dir: flags.blobsDir, arch: flags.arch, lock });
      const report = await blobReport(set);
      if (flags.writeLock) await writeFileAtomic(flags.writeLock, `${JSON.stringify(report.sha384, null, 2)}
`);
      process.stdout.write(`${JSON.stringify(report, null, 2)}
`);
    })
  );
}

// src/cli/commands/build-enclave.ts
import { readFile as readFile3, rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";

// src/build/eif-metadata.ts
var DEFAULT_IMAGE_NAME = "enclave";
var MAX_CUSTOM_METADATA_BYTES = 4096;
var MAX_SOURCE_DATE_EPOCH = 253402300799;
function parseSourceDateEpoch(value, what) {
  if (!/^[0-9]+$/.test(value.trim()) || Number(value) > MAX_SOURCE_DATE_EPOCH) {
    throw new UserError(`${what}: expected whole seconds since 1970 (0..${MAX_SOURCE_DATE_EPOCH}), got ${JSON.stringify(value)}`, { code: "usage" });
  }
  return Number(value);
}
function rfc3339(epochSeconds) {
  return new Date(epochSeconds * 1e3).toISOString().replace(/\.000Z$/, "+00:00");
}
function dockerInfo(image) {
  const [os, , variant] = image.platform.split("/");
  const info = { Id: image.configDigest, Os: os ?? "linux", Architecture: image.architecture };
  if (variant !== void 0) info["Variant"] = variant;
  return info;
}
function eifMetadata(inputs) {
  return {
    ImageName: inputs.name ?? DEFAULT_IMAGE_NAME,
    ImageVersion: inputs.version ?? inputs.image.configDigest.replace(/^sha256:/, ""),
    BuildMetadata: {
      BuildTime: rfc3339(inputs.sourceDateEpoch),
      BuildTool: BUILDER_NAME,
      BuildToolVersion: BUILDER_VERSION,
      OperatingSystem: inputs.kernel.os,
      KernelVersion: inputs.kernel.version
    },
    DockerInfo: dockerInfo(inputs.image),
    CustomMetadata: inputs.custom ?? null
  };
}
function parseCustomMetadata(text, path) {
  if (Buffer.byteLength(text) > MAX_CUSTOM_METADATA_BYTES) {
    throw new UserError(`metadata file ${path}: larger than ${MAX_CUSTOM_METADATA_BYTES} bytes (nitro-cli's limit)`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new UserError(`metadata file ${path}: not valid JSON`, { code: "format", cause });
  }
}

// src/build/measurements.ts
var MEASUREMENTS_SCHEMA = "nitro-eif-build/measurements@1";
function renderMeasurements(doc) {
  return `${JSON.stringify(doc, null, 2)}
`;
}
function nitroCliMeasurements(pcrs) {
  const measurements = { HashAlgorithm: HASH_ALGORITHM, PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2 };
  if (pcrs.PCR8 !== void 0) measurements["PCR8"] = pcrs.PCR8;
  const sorted = Object.fromEntries(Object.entries(measurements).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({ Measurements: sorted }, null, 2);
}

// src/build/pipeline.ts
import { createHash as createHash7 } from "node:crypto";
import { rm } from "node:fs/promises";

// src/image/blob-store.ts
import { createReadStream } from "node:fs";
import { open as open2, stat as stat2 } from "node:fs/promises";
import { join as join2 } from "node:path";
import { Readable } from "node:stream";

// src/image/tar-index.ts
import { open } from "node:fs/promises";
var BLOCK = 512;
var MAX_META_SIZE = 1 << 20;
async function indexTar(path) {
  const fh = await open(path, "r");
  try {
    return await scan(fh, path);
  } finally {
    await fh.close();
  }
}
async function scan(fh, path) {
  const members = /* @__PURE__ */ new Map();
  const { size: fileSize } = await fh.stat();
  const header = Buffer.alloc(BLOCK);
  let offset = 0;
  let longName;
  while (offset + BLOCK <= fileSize) {
    await readExactly(fh, header, offset, path);
    if (header.every((b) => b === 0)) break;
    checkChecksum(header, path, offset);
    const type = String.fromCharCode(header[156] ?? 0);
    const size = parseNumber(header.subarray(124, 136), path, offset);
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > fileSize) {
      throw new FormatError(`${path}: tar member at offset ${offset} runs past the end of the file`);
    }
    if (type === "L" || type === "x") {
      const meta = await readMeta(fh, dataOffset, size, path);
      longName = type === "L" ? cString(meta) : paxPath(meta) ?? longName;
    } else if (type !== "g" && type !== "K") {
      const name = normaliseMemberName(longName ?? ustarName(header));
      longName = void 0;
      if (type === "0" || type === "\0" || type === "7") members.set(name, { offset: dataOffset, size });
    }
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}
async function readExactly(fh, buf, position, path) {
  const { bytesRead } = await fh.read(buf, 0, buf.length, position);
  if (bytesRead !== buf.length) throw new FormatError(`${path}: truncated tar archive at offset ${position}`);
}
async function readMeta(fh, position, size, path) {
  if (size > MAX_META_SIZE) throw new FormatError(`${path}: tar extended header of ${size} bytes at ${position}`);
  const buf = Buffer.alloc(size);
  await readExactly(fh, buf, position, path);
  return buf;
}
function checkChecksum(header, path, offset) {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i] ?? 0;
  const stored = parseInt(cString(header.subarray(148, 156)).trim() || "NaN", 8);
  if (stored !== sum) throw new FormatError(`${path}: bad tar header checksum at offset ${offset}`);
}
function parseNumber(field, path, offset) {
  if (((field[0] ?? 0) & 128) !== 0) {
    let value = 0n;
    for (let i = 1; i < field.length; i++) value = value << 8n | BigInt(field[i] ?? 0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`${path}: tar size too large at ${offset}`);
    return Number(value);
  }
  const text = cString(field).trim();
  if (!/^[0-7]*$/.test(text)) throw new FormatError(`${path}: bad tar size field at offset ${offset}`);
  return text === "" ? 0 : parseInt(text, 8);
}
function ustarName(header) {
  const name = cString(header.subarray(0, 100));
  const magic = header.subarray(257, 263).toString("latin1");
  const prefix = magic.startsWith("ustar") ? cString(header.subarray(345, 500)) : "";
  return prefix ? `${prefix}/${name}` : name;
}
function paxPath(meta) {
  let pos = 0;
  let found;
  while (pos < meta.length) {
    const space = meta.indexOf(32, pos);
    if (space < 0) break;
    const len = parseInt(meta.subarray(pos, space).toString("latin1"), 10);
    if (!(len > 0)) break;
    const record = meta.subarray(space + 1, pos + len - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (record.slice(0, eq) === "path") found = record.slice(eq + 1);
    pos += len;
  }
  return found;
}
function cString(buf) {
  const end = buf.indexOf(0);
  return buf.subarray(0, end < 0 ? buf.length : end).toString("utf8");
}
function normaliseMemberName(name) {
  return name.split("/").filter((part) => part !== "" && part !== ".").join("/");
}

// src/image/blob-store.ts
var MAX_JSON_SIZE = 8 * 1024 * 1024;
async function openTarStore(path) {
  let members;
  try {
    members = await indexTar(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${path}: cannot read archive: ${error.message}`, { cause: error });
  }
  return {
    source: path,
    size: async (name) => members.get(normaliseMemberName(name))?.size,
    open: (name) => {
      const member = members.get(normaliseMemberName(name));
      if (!member) throw new FormatError(`${path}: no member ${name}`);
      if (member.size === 0) return Readable.from([]);
      return createReadStream(path, {
        start: member.offset,
        end: member.offset + member.size - 1,
        highWaterMark: 1 << 20
      });
    },
    peek: async (name, length) => {
      const member = members.get(normaliseMemberName(name));
      if (!member) throw new FormatError(`${path}: no member ${name}`);
      return readAt(path, member.offset, Math.min(length, member.size));
    }
  };
}
function openDirStore(dir) {
  return {
    source: dir,
    size: async (name) => {
      const stat5 = await statFile(join2(dir, name));
      return stat5?.isFile() ? stat5.size : void 0;
    },
    open: (name) => createReadStream(join2(dir, name), { highWaterMark: 1 << 20 }),
    peek: async (name, length) => {
      const size = (await statFile(join2(dir, name)))?.size ?? 0;
      return readAt(join2(dir, name), 0, Math.min(length, size));
    }
  };
}
async function readJsonMember(store, path, expectedSize) {
  const size = await store.size(path);
  if (size === void 0) throw new FormatError(`${store.source}: missing ${path}`);
  if (size > MAX_JSON_SIZE) throw new FormatError(`${store.source}: ${path} is too large (${size} bytes)`);
  if (expectedSize !== void 0 && size !== expectedSize) {
    throw new FormatError(`${store.source}: ${path} is ${size} bytes, the descriptor says ${expectedSize}`);
  }
  const chunks = [];
  for await (const chunk of store.open(path)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
async function isDirectory(path) {
  const info = await stat2(path).catch((error) => {
    throw new UserError(`${path}: cannot open image: ${error.message}`, { code: "not-found", cause: error });
  });
  return info.isDirectory();
}
async function readAt(path, position, length) {
  const fh = await open2(path, "r");
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
async function statFile(path) {
  return stat2(path).catch(() => void 0);
}

// src/image/docker-archive.ts
import { createHash as createHash5 } from "node:crypto";

// src/image/oci-schema.ts
var MEDIA_OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var MEDIA_OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var MEDIA_OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
var MEDIA_DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
var MEDIA_DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
var MEDIA_DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
var INDEX_MEDIA_TYPES = [MEDIA_OCI_INDEX, MEDIA_DOCKER_LIST];
var MANIFEST_MEDIA_TYPES = [MEDIA_OCI_MANIFEST, MEDIA_DOCKER_MANIFEST];
var CONFIG_MEDIA_TYPES = [MEDIA_OCI_CONFIG, MEDIA_DOCKER_CONFIG];
var LAYER_MEDIA_TYPES = {
  "application/vnd.oci.image.layer.v1.tar": "none",
  "application/vnd.oci.image.layer.v1.tar+gzip": "gzip",
  "application/vnd.oci.image.layer.v1.tar+zstd": "zstd",
  "application/vnd.oci.image.layer.nondistributable.v1.tar": "none",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip": "gzip",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd": "zstd",
  "application/vnd.docker.image.rootfs.diff.tar.gzip": "gzip",
  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip": "gzip"
};
function parseJson(bytes, what) {
  let value;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new FormatError(`${what}: not valid JSON (${error.message})`, { cause: error });
  }
  return asObject(value, what);
}
function asObject(value, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FormatError(`${what}: expected a JSON object`);
  }
  return value;
}
function asString(value, what) {
  if (typeof value !== "string") throw new FormatError(`${what}: expected a string`);
  return value;
}
function optString(value, what) {
  return value === void 0 || value === null ? void 0 : asString(value, what);
}
function optStrings(value, what) {
  if (value === void 0 || value === null) return void 0;
  if (!Array.isArray(value)) throw new FormatError(`${what}: expected an array of strings`);
  return value.map((item, i) => asString(item, `${what}[${i}]`));
}
function asArray(value, what) {
  if (!Array.isArray(value)) throw new FormatError(`${what}: expected an array`);
  return value;
}
function checkDigest(value, what) {
  const digest = asString(value, what);
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new FormatError(`${what}: unsupported or malformed digest ${JSON.stringify(digest)} (need sha256:<64 hex>)`);
  }
  return digest;
}
function checkSchemaVersion(doc, what) {
  if (doc.schemaVersion !== 2) throw new FormatError(`${what}: schemaVersion must be 2`);
}
function parsePlatform(value, what) {
  const obj = asObject(value, what);
  const variant = optString(obj.variant, `${what}.variant`);
  return {
    os: asString(obj.os, `${what}.os`),
    architecture: asString(obj.architecture, `${what}.architecture`),
    ...variant ? { variant } : {}
  };
}
function parseDescriptor(value, what) {
  const obj = asObject(value, what);
  const size = obj.size;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw new FormatError(`${what}.size: expected a non-negative integer`);
  }
  const annotations = obj.annotations === void 0 ? void 0 : asObject(obj.annotations, `${what}.annotations`);
  return {
    mediaType: asString(obj.mediaType, `${what}.mediaType`),
    digest: checkDigest(obj.digest, `${what}.digest`),
    size,
    ...obj.platform === void 0 ? {} : { platform: parsePlatform(obj.platform, `${what}.platform`) },
    ...annotations ? { annotations } : {}
  };
}
function parseIndex(doc, what) {
  checkSchemaVersion(doc, what);
  if (doc.mediaType !== void 0 && !INDEX_MEDIA_TYPES.includes(asString(doc.mediaType, `${what}.mediaType`))) {
    throw new FormatError(`${what}: mediaType ${String(doc.mediaType)} is not an image index`);
  }
  return asArray(doc.manifests, `${what}.manifests`).map((d, i) => parseDescriptor(d, `${what}.manifests[${i}]`));
}
function parseManifest(doc, what) {
  checkSchemaVersion(doc, what);
  if (doc.mediaType !== void 0 && !MANIFEST_MEDIA_TYPES.includes(asString(doc.mediaType, `${what}.mediaType`))) {
    throw new FormatError(`${what}: mediaType ${String(doc.mediaType)} is not an image manifest`);
  }
  const config = parseDescriptor(doc.config, `${what}.config`);
  if (!CONFIG_MEDIA_TYPES.includes(config.mediaType)) {
    throw new FormatError(`${what}.config: mediaType ${config.mediaType} is not an image config`);
  }
  const layers = asArray(doc.layers, `${what}.layers`).map((d, i) => parseDescriptor(d, `${what}.layers[${i}]`));
  for (const [i, layer] of layers.entries()) {
    if (!(layer.mediaType in LAYER_MEDIA_TYPES)) {
      throw new FormatError(`${what}.layers[${i}]: unsupported layer mediaType ${layer.mediaType}`);
    }
  }
  return { config, layers };
}
function parseConfig(doc, what) {
  const platform = parsePlatform(doc, what);
  const config = doc.config === void 0 || doc.config === null ? {} : asObject(doc.config, `${what}.config`);
  const rootfs = asObject(doc.rootfs, `${what}.rootfs`);
  if (rootfs.type !== "layers") throw new FormatError(`${what}.rootfs.type: expected "layers"`);
  const diffIds = asArray(rootfs.diff_ids, `${what}.rootfs.diff_ids`).map(
    (d, i) => checkDigest(d, `${what}.rootfs.diff_ids[${i}]`)
  );
  const cmd = optStrings(config.Cmd, `${what}.config.Cmd`);
  const entrypoint = optStrings(config.Entrypoint, `${what}.config.Entrypoint`);
  const env = optStrings(config.Env, `${what}.config.Env`);
  const workingDir = optString(config.WorkingDir, `${what}.config.WorkingDir`);
  return {
    platform,
    diffIds,
    ...cmd ? { cmd } : {},
    ...entrypoint ? { entrypoint } : {},
    ...env ? { env } : {},
    ...workingDir ? { workingDir } : {}
  };
}
function parseDockerManifest(value, what) {
  let parsed;
  try {
    parsed = JSON.parse(value.toString("utf8"));
  } catch (error) {
    throw new FormatError(`${what}: not valid JSON`, { cause: error });
  }
  return asArray(parsed, what).map((item, i) => {
    const obj = asObject(item, `${what}[${i}]`);
    return {
      config: asString(obj.Config, `${what}[${i}].Config`),
      layers: asArray(obj.Layers, `${what}[${i}].Layers`).map((l, j) => asString(l, `${what}[${i}].Layers[${j}]`))
    };
  });
}
function platformString(p) {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}`;
}

// src/image/oci-layout.ts
import { createHash as createHash4 } from "node:crypto";

// src/image/platform.ts
var ARCH_ALIASES = { x86_64: "amd64", aarch64: "arm64" };
function parsePlatform2(text) {
  const [os, arch, variant, extra] = text.trim().split("/");
  if (!os || !arch || extra !== void 0) {
    throw new UserError(`--platform ${JSON.stringify(text)}: expected os/arch[/variant], e.g. linux/amd64`, { code: "usage" });
  }
  const architecture = ARCH_ALIASES[arch] ?? arch;
  return { os, architecture, ...variant ? { variant } : {} };
}
function normalVariant(p) {
  return p.architecture === "arm64" && p.variant === "v8" ? void 0 : p.variant;
}
function platformMatches(want, have) {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  return want.variant === void 0 || normalVariant(want) === normalVariant(have);
}
function choosePlatform(candidates, wanted, source) {
  const choices = candidates.map((c) => platformString(c.platform)).join(", ");
  if (candidates.length === 0) throw new UserError(`${source}: no image manifest found`, { code: "not-found" });
  if (wanted === void 0) {
    if (candidates.length === 1) return candidates[0];
    throw new UserError(`${source}: the image has several platforms (${choices}); choose one with --platform`, { code: "usage" });
  }
  const want = parsePlatform2(wanted);
  const matches = candidates.filter((c) => platformMatches(want, c.platform));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new UserError(`${source}: no image for platform ${wanted} (the image has: ${choices})`, { code: "not-found" });
  }
  throw new UserError(`${source}: several images match platform ${wanted} (${choices}); add the variant`, { code: "usage" });
}

// src/image/oci-layout.ts
var MAX_INDEX_DEPTH = 4;
function blobPath(digest) {
  return `blobs/${digest.replace(":", "/")}`;
}
async function readBlobJson(store, desc, what) {
  const bytes = await readJsonMember(store, blobPath(desc.digest), desc.size);
  checkSha256(bytes, desc.digest, `${store.source}: ${what} ${desc.digest}`);
  return parseJson(bytes, `${store.source}: ${what} ${desc.digest}`);
}
function checkSha256(bytes, digest, what) {
  const actual = `sha256:${createHash4("sha256").update(bytes).digest("hex")}`;
  if (actual !== digest) throw new VerificationError(`${what}: content digest is ${actual}`);
}
async function openOci(store, platform) {
  if (await store.size("oci-layout") === void 0 && await store.size("manifest.json") !== void 0) {
    throw new UserError(`${store.source}: not an OCI layout (no oci-layout file) but a docker-save archive: open it as one`);
  }
  const layout = parseJson(await readJsonMember(store, "oci-layout"), `${store.source}: oci-layout`);
  if (layout.imageLayoutVersion !== "1.0.0") {
    throw new FormatError(`${store.source}: oci-layout: unsupported imageLayoutVersion ${String(layout.imageLayoutVersion)}`);
  }
  const candidates = await ociCandidates(store);
  const chosen = choosePlatform(candidates, platform, store.source);
  return openManifest(store, chosen.manifest);
}
async function ociCandidates(store) {
  const index = parseIndex(parseJson(await readJsonMember(store, "index.json"), `${store.source}: index.json`), `${store.source}: index.json`);
  const found = /* @__PURE__ */ new Map();
  await collect(store, index, 0, found);
  return [...found.values()];
}
async function collect(store, descs, depth, found) {
  for (const desc of descs) {
    if (desc.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") continue;
    if (desc.platform?.os === "unknown") continue;
    if (INDEX_MEDIA_TYPES.includes(desc.mediaType)) {
      if (depth >= MAX_INDEX_DEPTH) throw new FormatError(`${store.source}: image indexes nested too deep`);
      const nested = parseIndex(await readBlobJson(store, desc, "index"), `${store.source}: index ${desc.digest}`);
      await collect(store, nested, depth + 1, found);
    } else if (MANIFEST_MEDIA_TYPES.includes(desc.mediaType) && !found.has(desc.digest)) {
      const platform = desc.platform ?? await manifestPlatform(store, desc);
      found.set(desc.digest, { manifest: desc, platform });
    }
  }
}
async function manifestPlatform(store, desc) {
  const manifest = parseManifest(await readBlobJson(store, desc, "manifest"), `${store.source}: manifest ${desc.digest}`);
  const config = await readBlobJson(store, manifest.config, "config");
  return parseConfig(config, `${store.source}: config ${manifest.config.digest}`).platform;
}
async function openManifest(store, desc) {
  const what = `${store.source}: manifest ${desc.digest}`;
  const manifest = parseManifest(await readBlobJson(store, desc, "manifest"), what);
  const configWhat = `${store.source}: config ${manifest.config.digest}`;
  const config = parseConfig(await readBlobJson(store, manifest.config, "config"), configWhat);
  if (config.diffIds.length !== manifest.layers.length) {
    throw new FormatError(`${configWhat}: ${config.diffIds.length} diff_ids for ${manifest.layers.length} layers`);
  }
  const layers = [];
  for (const [i, layer] of manifest.layers.entries()) {
    const path = blobPath(layer.digest);
    const size = await store.size(path);
    if (size === void 0) throw new FormatError(`${store.source}: missing blob for layer ${layer.digest}`);
    if (size !== layer.size) {
      throw new VerificationError(`${store.source}: layer ${layer.digest} is ${size} bytes, the manifest says ${layer.size}`);
    }
    layers.push({
      digest: layer.digest,
      path,
      size,
      blobDigest: layer.digest,
      diffId: config.diffIds[i],
      compression: LAYER_MEDIA_TYPES[layer.mediaType]
    });
  }
  return imageOf(store, config, layers, desc.digest, manifest.config.digest);
}
function imageOf(store, config, layers, manifestDigest, configDigest) {
  const info = {
    ...manifestDigest ? { manifestDigest } : {},
    configDigest,
    platform: platformString(config.platform),
    architecture: config.platform.architecture,
    ...config.cmd ? { cmd: config.cmd } : {},
    ...config.entrypoint ? { entrypoint: config.entrypoint } : {},
    ...config.env ? { env: config.env } : {},
    layers: layers.map((l) => l.digest)
  };
  return { info, store, layers, ...config.workingDir ? { workingDir: config.workingDir } : {} };
}

// src/image/docker-archive.ts
async function openDockerArchive(store, platform) {
  const entries = parseDockerManifest(await readJsonMember(store, "manifest.json"), `${store.source}: manifest.json`);
  const images = [];
  for (const entry of entries) {
    const bytes = await readJsonMember(store, entry.config);
    const configDigest = `sha256:${createHash5("sha256").update(bytes).digest("hex")}`;
    const named = digestInName(entry.config);
    if (named !== void 0 && named !== configDigest) {
      throw new VerificationError(`${store.source}: config ${entry.config}: content digest is ${configDigest}`);
    }
    const config = parseConfig(parseJson(bytes, `${store.source}: ${entry.config}`), `${store.source}: ${entry.config}`);
    if (config.diffIds.length !== entry.layers.length) {
      throw new FormatError(`${store.source}: ${entry.config}: ${config.diffIds.length} diff_ids for ${entry.layers.length} layers`);
    }
    images.push({ platform: config.platform, config, configDigest, layerPaths: entry.layers });
  }
  const chosen = choosePlatform(uniqueByConfig(images), platform, store.source);
  const layers = [];
  for (const [i, path] of chosen.layerPaths.entries()) {
    if (await store.size(path) === void 0) throw new FormatError(`${store.source}: missing layer ${path}`);
    const diffId = chosen.config.diffIds[i];
    const blobDigest = digestInName(path);
    layers.push({ digest: blobDigest ?? diffId, path, diffId, ...blobDigest ? { blobDigest } : {} });
  }
  const manifestDigest = await findManifestDigest(store, chosen.configDigest);
  return imageOf(store, chosen.config, layers, manifestDigest, chosen.configDigest);
}
function digestInName(path) {
  const match = /^(?:\.\/)?(?:blobs\/sha256\/([0-9a-f]{64})|([0-9a-f]{64})\.json)$/.exec(path);
  const hex = match?.[1] ?? match?.[2];
  return hex ? `sha256:${hex}` : void 0;
}
function uniqueByConfig(images) {
  const seen = /* @__PURE__ */ new Map();
  for (const image of images) if (!seen.has(image.configDigest)) seen.set(image.configDigest, image);
  return [...seen.values()];
}
async function findManifestDigest(store, configDigest) {
  if (await store.size("index.json") === void 0) return void 0;
  try {
    for (const candidate of await ociCandidates(store)) {
      const what = `${store.source}: manifest ${candidate.manifest.digest}`;
      const manifest = parseManifest(await readBlobJson(store, candidate.manifest, "manifest"), what);
      if (manifest.config.digest === configDigest) return candidate.manifest.digest;
    }
  } catch {
  }
  return void 0;
}

// src/image/open-image.ts
async function openImage(source) {
  if ("dockerArchive" in source) return openDockerArchive(await openTarStore(source.dockerArchive), source.platform);
  if ("ociLayout" in source) {
    if (!await isDirectory(source.ociLayout)) throw new UserError(`${source.ociLayout}: not an OCI layout directory`);
    return openOci(openDirStore(source.ociLayout), source.platform);
  }
  return openOci(await openTarStore(source.ociArchive), source.platform);
}

// src/image/export-walk.ts
function compareNames(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
var SURROGATE = /[\uD800-\uDFFF]/;
function sortedNames(dir) {
  const names = [...dir.children.keys()];
  if (!names.some((name) => SURROGATE.test(name))) return names.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  return names.sort(compareNames);
}
function walkTree(root, spool, onData) {
  const out = [];
  const seen = /* @__PURE__ */ new Map();
  const visit = (dir, prefix) => {
    for (const name of sortedNames(dir)) {
      const node = dir.children.get(name);
      if (node === void 0) continue;
      const path = prefix + name;
      if (node.kind === "dir") {
        out.push({ path: `${path}/`, type: "dir", mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime, size: 0 });
        visit(node, `${path}/`);
        continue;
      }
      const first = seen.get(node.inode);
      if (first === void 0) seen.set(node.inode, path);
      const entry = leafEntry(path, node.inode, first, spool);
      if (entry.type === "file" && entry.size > 0 && node.inode.kind === "file") onData?.(node.inode.dataOffset, entry.size);
      out.push(entry);
    }
  };
  visit(root, "");
  return out;
}
function leafEntry(path, inode, linkTo, spool) {
  const base = { path, mode: inode.mode, uid: inode.uid, gid: inode.gid, mtime: inode.mtime };
  if (linkTo !== void 0) return { ...base, type: "hardlink", size: 0, linkname: linkTo };
  switch (inode.kind) {
    case "file": {
      const { dataOffset, size } = inode;
      const crc322 = inode.crc32 ?? (size === 0 ? 0 : void 0);
      return { ...base, type: "file", size, ...crc322 !== void 0 ? { crc32: crc322 } : {}, open: () => spool.read(dataOffset, size) };
    }
    case "symlink":
      return { ...base, type: "symlink", size: 0, linkname: inode.linkname ?? "" };
    case "char":
    case "block":
      return { ...base, type: inode.kind, size: 0, devmajor: inode.devmajor ?? 0, devminor: inode.devminor ?? 0 };
    case "fifo":
      return { ...base, type: "fifo", size: 0 };
  }
}

// src/image/tree.ts
var NotADirectoryError = class extends Error {
  constructor(at) {
    super(`${at} is not a directory`);
    this.at = at;
  }
};
function newDir(attrs, layer) {
  return { kind: "dir", ...attrs, layer, children: /* @__PURE__ */ new Map() };
}
var Tree = class {
  root = newDir({ mode: 493, uid: 0, gid: 0, mtime: 0 }, -1);
  /** Attributes of directories a layer implies without a header of their own. */
  #implied;
  constructor(implied) {
    this.#implied = implied;
  }
  get(parts) {
    let node = this.root;
    for (const part of parts) {
      if (node?.kind !== "dir") return void 0;
      node = node.children.get(part);
    }
    return node;
  }
  /** The directory holding `parts`' last name, creating missing parents (marked with `layer`). */
  parentOf(parts, layer) {
    let dir = this.root;
    for (const [i, part] of parts.slice(0, -1).entries()) {
      let next = dir.children.get(part);
      if (next === void 0) {
        next = newDir({ ...this.#implied }, layer);
        dir.children.set(part, next);
      } else if (next.kind !== "dir") {
        throw new NotADirectoryError(parts.slice(0, i + 1).join("/"));
      }
      next.layer = Math.max(next.layer, layer);
      dir = next;
    }
    return dir;
  }
  /** A directory entry: updates an existing directory's header, or replaces a non-directory. */
  setDir(parts, attrs, layer) {
    if (parts.length === 0) return;
    const parent = this.parentOf(parts, layer);
    const name = parts[parts.length - 1];
    const existing = parent.children.get(name);
    if (existing?.kind === "dir") {
      Object.assign(existing, attrs);
      existing.layer = layer;
    } else {
      parent.children.set(name, newDir(attrs, layer));
    }
  }
  /** A non-directory entry: replaces whatever was there (a directory with all it holds). */
  setLeaf(parts, inode, layer) {
    const parent = this.parentOf(parts, layer);
    parent.children.set(parts[parts.length - 1], { kind: "leaf", layer, inode });
  }
  /** `.wh.NAME`: removes what lower layers put at `parts` (never what this layer added). */
  whiteout(parts, layer) {
    const parent = this.get(parts.slice(0, -1));
    if (parent?.kind !== "dir") return;
    const name = parts[parts.length - 1];
    const node = parent.children.get(name);
    if (node === void 0) return;
    if (node.layer < layer) parent.children.delete(name);
    else if (node.kind === "dir") pruneLower(node, layer);
  }
  /** `.wh..wh..opq`: hides everything lower layers put under the directory `parts`. */
  opaque(parts, layer) {
    const dir = parts.length === 0 ? this.root : this.get(parts);
    if (dir?.kind === "dir") pruneLower(dir, layer);
  }
};
function pruneLower(dir, layer) {
  for (const [name, child] of dir.children) {
    if (child.layer < layer) dir.children.delete(name);
    else if (child.kind === "dir") pruneLower(child, layer);
  }
}

// src/image/init-layer.ts
var INIT_LAYER_PATHS = [
  ["dev/pts", "dir"],
  ["dev/shm", "dir"],
  ["proc", "dir"],
  ["sys", "dir"],
  [".dockerenv", "file"],
  ["etc/resolv.conf", "file"],
  ["etc/hosts", "file"],
  ["etc/hostname", "file"],
  ["dev/console", "file"],
  ["etc/mtab", "/proc/mounts"]
];
var INIT_MODE = 493;
var MAX_SYMLINK_HOPS = 255;
function applyInitLayer(tree, createdAt2, layer) {
  for (const [path, type] of INIT_LAYER_PATHS) {
    const parts = path.split("/");
    for (let i = 1; i <= parts.length; i++) unlinkNonDir(tree, parts.slice(0, i), createdAt2);
    if (tree.get(parts) !== void 0) continue;
    const parent = mkdirAll(tree, parts.slice(0, -1), createdAt2, layer);
    const name = parts[parts.length - 1];
    const attrs = { mode: INIT_MODE, uid: 0, gid: 0, mtime: createdAt2 };
    if (type === "dir") parent.children.set(name, newDir(attrs, layer));
    else parent.children.set(name, { kind: "leaf", layer, inode: leaf(type, createdAt2) });
    parent.mtime = createdAt2;
  }
}
function leaf(type, createdAt2) {
  const common = { uid: 0, gid: 0, mtime: createdAt2, size: 0, dataOffset: 0 };
  if (type === "file") return { kind: "file", mode: INIT_MODE, ...common };
  return { kind: "symlink", mode: 511, linkname: type, ...common };
}
function unlinkNonDir(tree, parts, createdAt2) {
  const parent = tree.get(parts.slice(0, -1));
  if (parent?.kind !== "dir") return;
  const name = parts[parts.length - 1];
  if (parent.children.get(name)?.kind === "leaf") {
    parent.children.delete(name);
    parent.mtime = createdAt2;
  }
}
function mkdirAll(tree, parts, createdAt2, layer) {
  let dir = tree.root;
  for (const [i, part] of parts.entries()) {
    let next = dir.children.get(part);
    if (next === void 0) {
      next = newDir({ mode: INIT_MODE, uid: 0, gid: 0, mtime: createdAt2 }, layer);
      dir.children.set(part, next);
      dir.mtime = createdAt2;
    } else if (next.kind !== "dir") {
      throw new UserError(`image WorkingDir: /${parts.slice(0, i + 1).join("/")} is not a directory`);
    }
    dir = next;
  }
  return dir;
}
function applyWorkingDir(tree, workingDir, createdAt2, layer) {
  if (!workingDir) return;
  mkdirAll(tree, resolveInRoot(tree, workingDir), createdAt2, layer);
}
function resolveInRoot(tree, path) {
  const pending = path.split("/");
  const resolved = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift();
    if (part === "" || part === ".") continue;
    if (part === "..") {
      resolved.pop();
      continue;
    }
    const node = tree.get([...resolved, part]);
    if (node?.kind === "leaf" && node.inode.kind === "symlink") {
      if (++hops > MAX_SYMLINK_HOPS) throw new UserError(`image WorkingDir ${path}: too many levels of symbolic links`);
      const target = node.inode.linkname ?? "";
      if (target.startsWith("/")) resolved.length = 0;
      pending.unshift(...target.split("/"));
      continue;
    }
    resolved.push(part);
  }
  return resolved;
}

// src/image/layer-apply.ts
var WHITEOUT_PREFIX = ".wh.";
var OPAQUE_MARKER = ".wh..wh..opq";
var WHITEOUT_META_PREFIX = ".wh..wh.";
var SYMLINK_MODE = 511;
var LEAF_TYPES = {
  file: "file",
  "contiguous-file": "file",
  symlink: "symlink",
  "character-device": "char",
  "block-device": "block",
  fifo: "fifo"
};
function splitName(name, ctx) {
  if (name.includes("\uFFFD")) throw new FormatError(`layer ${ctx.digest}: path ${JSON.stringify(name)} is not valid UTF-8`);
  if (name.includes("\0")) throw new FormatError(`layer ${ctx.digest}: path ${JSON.stringify(name)} contains NUL`);
  if (name.startsWith("/")) throw new FormatError(`layer ${ctx.digest}: absolute path ${JSON.stringify(name)} escapes the image root`);
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new FormatError(`layer ${ctx.digest}: path ${JSON.stringify(name)} escapes the image root`);
  return parts;
}
async function applyEntry(ctx, header, body) {
  const parts = splitName(header.name, ctx);
  const base = parts[parts.length - 1] ?? "";
  try {
    if (base.startsWith(WHITEOUT_PREFIX)) return applyWhiteout(ctx, parts, base);
    if (header.type === "directory") return ctx.tree.setDir(parts, attrsOf(header), ctx.index);
    if (parts.length === 0) throw new FormatError(`layer ${ctx.digest}: non-directory entry ${JSON.stringify(header.name)} at the root`);
    if (header.type === "link") return applyHardLink(ctx, parts, header);
    const kind = LEAF_TYPES[header.type ?? ""];
    if (kind === void 0) {
      throw new FormatError(`layer ${ctx.digest}: path ${header.name}: unsupported tar entry type ${String(header.type)}`);
    }
    const size = kind === "file" ? header.size ?? 0 : 0;
    if (ctx.maxFileSize !== void 0 && size > ctx.maxFileSize) {
      throw new FormatError(
        `layer ${ctx.digest}: path ${header.name} is ${size} bytes; an enclave ramdisk cannot hold a file over ${ctx.maxFileSize} bytes`
      );
    }
    const { offset: dataOffset, crc32: crc322 } = size > 0 ? await ctx.spool.append(body, size) : { offset: 0, crc32: 0 };
    const inode = {
      kind,
      ...attrsOf(header),
      // Linux symlinks are always 0777 (the applier's lchmod skips them).
      ...kind === "symlink" ? { mode: SYMLINK_MODE } : {},
      size,
      dataOffset,
      ...kind === "file" ? { crc32: crc322 } : {},
      ...kind === "symlink" ? { linkname: header.linkname ?? "" } : {},
      ...kind === "char" || kind === "block" ? { devmajor: header.devmajor ?? 0, devminor: header.devminor ?? 0 } : {}
    };
    ctx.tree.setLeaf(parts, inode, ctx.index);
  } catch (error) {
    if (error instanceof NotADirectoryError) {
      throw new FormatError(`layer ${ctx.digest}: path ${header.name}: parent ${error.at} is not a directory`);
    }
    throw error;
  }
}
function applyWhiteout(ctx, parts, base) {
  const dir = parts.slice(0, -1);
  if (base === OPAQUE_MARKER) return ctx.tree.opaque(dir, ctx.index);
  if (base.startsWith(WHITEOUT_META_PREFIX)) return;
  const target = base.slice(WHITEOUT_PREFIX.length);
  if (target === "" || target === "." || target === "..") {
    throw new FormatError(`layer ${ctx.digest}: invalid whiteout ${parts.join("/")}`);
  }
  ctx.tree.whiteout([...dir, target], ctx.index);
}
function applyHardLink(ctx, parts, header) {
  const linkname = header.linkname ?? "";
  const targetParts = splitName(linkname, ctx);
  const target = targetParts.length === 0 ? void 0 : ctx.tree.get(targetParts);
  if (target === void 0) {
    throw new FormatError(`layer ${ctx.digest}: path ${header.name}: hard link to nothing (${JSON.stringify(linkname)})`);
  }
  if (target.kind === "dir") {
    throw new FormatError(`layer ${ctx.digest}: path ${header.name}: hard link to a directory (${JSON.stringify(linkname)})`);
  }
  const { mode, ...rest } = attrsOf(header);
  Object.assign(target.inode, rest, target.inode.kind === "symlink" ? {} : { mode });
  ctx.tree.setLeaf(parts, target.inode, ctx.index);
}
function attrsOf(header) {
  const pax = header.pax ?? {};
  const paxInt = (key) => {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(pax[key] ?? "");
    if (!match) return void 0;
    const whole = Number(match[2]);
    const fraction = /[1-9]/.test(match[3] ?? "");
    return match[1] ? -whole - (fraction ? 1 : 0) : whole;
  };
  const mtime = paxInt("mtime") ?? Math.floor((header.mtime?.getTime() ?? 0) / 1e3);
  return {
    mode: (header.mode ?? 0) & 4095,
    uid: paxInt("uid") ?? header.uid ?? 0,
    gid: paxInt("gid") ?? header.gid ?? 0,
    mtime
  };
}

// src/image/layer-reader.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
import { createHash as createHash6 } from "node:crypto";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import * as zlib from "node:zlib";

// src/io/worker-hash.ts
import { Worker } from "node:worker_threads";
var MAX_IN_FLIGHT = 4;
var WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
let hash = createHash(workerData);
parentPort.on('message', (m) => {
  if (m === null) { parentPort.postMessage({ digest: hash.digest('hex') }); hash = createHash(workerData); }
  else { hash.update(new Uint8Array(m.buffer, 0, m.length)); parentPort.postMessage({ buffer: m.buffer }, [m.buffer]); }
});`;
var BUFFER_SIZE = 1 << 20;
var WorkerHash = class {
  #worker;
  #inFlight = 0;
  #free = [];
  /** The buffer being filled (small chunks are batched into one message). */
  #current;
  #filled = 0;
  #waiting;
  #digest;
  #failure;
  /** `algorithm`: a node:crypto hash name such as 'sha256' or 'sha384'. */
  constructor(algorithm) {
    const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 };
    this.#worker = new Worker(WORKER_CODE, { eval: true, workerData: algorithm, resourceLimits });
    this.#worker.on("message", (m) => {
      if (m.digest !== void 0) this.#digest?.resolve(m.digest);
      else {
        if (m.buffer && m.buffer.byteLength === BUFFER_SIZE) this.#free.push(m.buffer);
        this.#inFlight -= 1;
        this.#release();
      }
    });
    this.#worker.on("error", (error) => {
      this.#failure = error;
      this.#digest?.reject(error);
      this.#release();
    });
  }
  #release() {
    const wake = this.#waiting;
    this.#waiting = void 0;
    wake?.();
  }
  /** Copies `chunk` into the current buffer, sending it when full; waits while too many are queued. */
  async update(chunk) {
    if (this.#failure) throw this.#failure;
    if (this.#current && this.#filled + chunk.byteLength > this.#current.byteLength) this.#send();
    if (!this.#current) {
      while (this.#inFlight >= MAX_IN_FLIGHT && !this.#failure) await new Promise((resolve2) => this.#waiting = resolve2);
      if (this.#failure) throw this.#failure;
      this.#current = chunk.byteLength > BUFFER_SIZE ? new ArrayBuffer(chunk.byteLength) : this.#free.pop() ?? new ArrayBuffer(BUFFER_SIZE);
    }
    new Uint8Array(this.#current, this.#filled, chunk.byteLength).set(chunk);
    this.#filled += chunk.byteLength;
    if (this.#filled === this.#current.byteLength) this.#send();
  }
  #send() {
    const buffer = this.#current;
    this.#inFlight += 1;
    this.#worker.postMessage({ buffer, length: this.#filled }, [buffer]);
    this.#current = void 0;
    this.#filled = 0;
  }
  /**
   * The hex digest of everything queued since the previous digest; the worker then starts afresh,
   * so one WorkerHash (one thread start, ≈ 35 ms of CPU) can hash several streams in turn.
   */
  async digest() {
    if (this.#current) this.#send();
    if (this.#failure) throw this.#failure;
    const result = new Promise((resolve2, reject) => this.#digest = { resolve: resolve2, reject });
    this.#worker.postMessage(null);
    return result;
  }
  /** Stops the worker; never throws. */
  async close() {
    await this.#worker.terminate().catch(() => void 0);
  }
};

// src/image/layer-reader.ts
var INFLATE_CHUNK = 1 << 20;
var WORKER_FROM = 8 << 20;
var LayerDigests = class {
  #blob;
  #diff;
  get blob() {
    return this.#blob ??= new WorkerHash("sha256");
  }
  get diff() {
    return this.#diff ??= new WorkerHash("sha256");
  }
  /** Stops the workers; never throws. */
  async close() {
    await Promise.all([this.#blob?.close(), this.#diff?.close()]);
  }
};
async function readLayer(store, layer, onEntry, onBytes = () => {
}, digests) {
  const compression = await detectCompression(store, layer);
  const threaded = layer.size === void 0 || layer.size >= WORKER_FROM;
  const own = threaded && !digests ? new LayerDigests() : void 0;
  const workers = threaded ? digests ?? own : void 0;
  const blobHash = new HashCounter(workers?.blob, onBytes);
  const diffHash = new HashCounter(workers?.diff);
  try {
    await streamEntries(store, layer, compression, { blobHash, diffHash }, onEntry);
    await checkDigests(layer, blobHash, diffHash);
  } finally {
    await own?.close();
  }
}
async function streamEntries(store, layer, compression, h, onEntry) {
  const extract = (0, import_tar_stream.extract)();
  const source = store.open(layer.path);
  const feeding = pipeline(source, h.blobHash, decompressor(compression, layer), h.diffHash, (tar) => feed(tar, extract));
  feeding.catch((error) => extract.destroy(error));
  try {
    for await (const entry of extract) {
      await onEntry(entry.header, entry);
      entry.resume();
    }
    await feeding;
  } catch (error) {
    source.destroy();
    if (error instanceof UserError) throw error;
    await checkBlobDigest(store, layer, error);
    throw new FormatError(`layer ${layer.digest}: cannot read (${error.message})`, { cause: error });
  }
}
async function checkBlobDigest(store, layer, cause) {
  if (layer.blobDigest === void 0) return;
  const hash = createHash6("sha256");
  for await (const chunk of store.open(layer.path)) hash.update(chunk);
  const actual = `sha256:${hash.digest("hex")}`;
  if (actual !== layer.blobDigest) {
    throw new VerificationError(`layer ${layer.digest}: blob digest is ${actual}, the manifest says ${layer.blobDigest}`, { cause });
  }
}
async function feed(tar, extract) {
  for await (const chunk of tar) {
    if (!extract.write(chunk)) {
      await new Promise((resolve2) => {
        const done = () => {
          extract.off("drain", done).off("close", done);
          resolve2();
        };
        extract.on("drain", done).on("close", done);
      });
    }
  }
  extract.end(void 0);
}
async function checkDigests(layer, blob, diff) {
  if (layer.size !== void 0 && blob.bytes !== layer.size) {
    throw new VerificationError(`layer ${layer.digest}: blob is ${blob.bytes} bytes, the manifest says ${layer.size}`);
  }
  const [blobDigest, diffId] = await Promise.all([blob.digest(), diff.digest()]);
  if (layer.blobDigest !== void 0 && blobDigest !== layer.blobDigest) {
    throw new VerificationError(`layer ${layer.digest}: blob digest is ${blobDigest}, the manifest says ${layer.blobDigest}`);
  }
  if (diffId !== layer.diffId) {
    throw new VerificationError(`layer ${layer.digest}: uncompressed digest is ${diffId}, the config's diff_id says ${layer.diffId}`);
  }
}
async function detectCompression(store, layer) {
  const magic = await store.peek(layer.path, 4);
  const sniffed = magic[0] === 31 && magic[1] === 139 ? "gzip" : magic.readUInt32LE(0) === 4247762216 && magic.length === 4 ? "zstd" : "none";
  if (layer.compression !== void 0 && layer.compression !== sniffed) {
    throw new FormatError(`layer ${layer.digest}: declared ${layer.compression} but the data looks like ${sniffed}`);
  }
  return sniffed;
}
function decompressor(compression, layer) {
  if (compression === "gzip") return zlib.createGunzip({ chunkSize: INFLATE_CHUNK });
  if (compression === "none") return new Transform({ transform: (chunk, _enc, cb) => cb(null, chunk) });
  const factory = zlib.createZstdDecompress;
  if (typeof factory !== "function") {
    throw new UserError(
      `layer ${layer.digest} is zstd-compressed, and this Node (${process.version}) has no zstd decompressor (zlib.createZstdDecompress needs Node >= 22.15); rebuild the image with gzip layers (docker buildx build --output type=oci,compression=gzip,force-compression=true)`,
      { code: "unsupported" }
    );
  }
  return factory({ chunkSize: INFLATE_CHUNK });
}
var HashCounter = class extends Transform {
  #local;
  #worker;
  #onBytes;
  bytes = 0;
  /** `worker`: hash on it (worth a thread for large streams only), else on this thread. */
  constructor(worker, onBytes) {
    super();
    if (worker) this.#worker = worker;
    else this.#local = createHash6("sha256");
    this.#onBytes = onBytes;
  }
  _transform(chunk, _enc, cb) {
    this.bytes += chunk.length;
    this.#onBytes?.(this.bytes);
    if (this.#local) {
      this.#local.update(chunk);
      cb(null, chunk);
      return;
    }
    this.#worker.update(chunk).then(() => cb(null, chunk), cb);
  }
  async digest() {
    return `sha256:${this.#local ? this.#local.digest("hex") : await this.#worker.digest()}`;
  }
};

// src/image/spool.ts
import { closeSync, constants, openSync, read as readAsync, unlinkSync } from "node:fs";
import { open as open3 } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/io/staged-blocks.ts
var StagedBlocks = class {
  /** `count` buffers of `blockSize` bytes (at least 2). */
  constructor(blockSize, allocate, writeBlock, count = 2) {
    this.blockSize = blockSize;
    this.writeBlock = writeBlock;
    if (!Number.isInteger(count) || count < 2) throw new RangeError(`StagedBlocks needs at least 2 buffers, not ${count}`);
    this.#buffers = Array.from({ length: count }, () => allocate(blockSize));
    this.#writes = this.#buffers.map(() => Promise.resolve());
  }
  #buffers;
  /** The write of each buffer's last block (settled ones stay until the buffer is reused). */
  #writes;
  /** The last write queued: the next one starts when it is done (a failure fails every later one). */
  #queue = Promise.resolve();
  #fill = 0;
  /** Bytes appended so far (staged ones included). */
  #size = 0;
  /** Bytes handed to writeBlock; the fill buffer holds [#written, #size). */
  #written = 0;
  get size() {
    return this.#size;
  }
  /** The buffers, for reuse once everything is flushed. */
  get buffers() {
    return this.#buffers;
  }
  async append(bytes) {
    for (let at = 0; at < bytes.byteLength; ) {
      const staged = this.#size - this.#written;
      const n = Math.min(bytes.byteLength - at, this.blockSize - staged);
      this.#buffers[this.#fill].set(bytes.subarray(at, at + n), staged);
      this.#size += n;
      at += n;
      if (this.#size - this.#written === this.blockSize) await this.#handOver();
    }
  }
  /** Queues the fill buffer's write and moves on to the next buffer, once that one's write is done. */
  async #handOver() {
    const length = this.#size - this.#written;
    if (length === 0) return;
    const index = this.#fill;
    const position = this.#written;
    this.#written = this.#size;
    const writing = this.#queue.then(() => this.writeBlock(this.#buffers[index], length, position));
    this.#queue = writing;
    writing.catch(() => void 0);
    this.#writes[index] = writing;
    this.#fill = (index + 1) % this.#buffers.length;
    await this.#writes[this.#fill];
  }
  /** Writes what is staged (a partial block) and waits for every write. */
  async flush() {
    await this.#handOver();
    await this.#queue;
  }
  /** Waits for the writes queued, ignoring their failure (for cleanup). */
  async settle() {
    await this.#queue.catch(() => void 0);
  }
};

// src/image/spool.ts
var IO_BUFFER = 2 << 20;
var IO_BUFFERS = 8;
var READ_GAP = 128 << 10;
var SEGMENT_SIZE = 32 << 20;
var OPEN_READERS = 4;
var Spool = class _Spool {
  #dir;
  /** Appended data, written in 4 MiB blocks while the next fills. */
  #staged;
  /** After seal: one of the write buffers, reused (no more writes). */
  #readBuffer;
  /** The read buffer holds the spool's bytes [#readStart, #readEnd). */
  #readStart = 0;
  #readEnd = 0;
  #writer;
  /** Open read descriptors by segment, oldest first. */
  #readers = /* @__PURE__ */ new Map();
  /** Expected bytes still to be read per segment, once declared. */
  #unread;
  #released = /* @__PURE__ */ new Set();
  #sealed = false;
  #disposed = false;
  /** Declared reads (non-empty) in order; `#cursor` is the next one, `#current` the one being read (-1: off plan). */
  #plan;
  #cursor = 0;
  #current = -1;
  /** After seal: the other write buffers, free for prefetches. */
  #spareBuffers = [];
  /** Reads in flight along the plan, in plan order; `end` is where a window's needed bytes end. */
  #prefetches = [];
  #fills = { prefetched: 0, waited: 0, bytes: 0 };
  #segmentSize;
  /** O_DIRECT flag while direct I/O is in use; 0 after the kernel refused it (or never). */
  #directFlag;
  constructor(dir, options) {
    this.#dir = dir;
    this.#segmentSize = options.segmentSize ?? SEGMENT_SIZE;
    if (this.#segmentSize % DIRECT_ALIGN !== 0) throw new RangeError(`spool segment size ${this.#segmentSize} is not a multiple of ${DIRECT_ALIGN}`);
    this.#directFlag = options.direct === false ? 0 : directFlag() ?? 0;
    const buffer = options.alignedBuffers === false ? misalignedBuffer : alignedBuffer;
    this.#staged = new StagedBlocks(IO_BUFFER, buffer, (block, length, position) => this.#writeAt(block, length, position), IO_BUFFERS);
  }
  /** A spool in a fresh private directory under `tempDir`. */
  static async create(tempDir, options = {}) {
    return new _Spool(await makeTempDir(tempDir, "nitro-eif-image-"), options);
  }
  /**
   * Read-buffer refills so far: from a prefetch, or waited for; and the bytes read from disk for
   * them (for tests and benchmarks).
   */
  get fills() {
    return { ...this.#fills };
  }
  /** Whether segment files are still written and read with O_DIRECT. */
  get direct() {
    return this.#directFlag !== 0;
  }
  /** The directory holding the segment files. */
  get directory() {
    return this.#dir;
  }
  /**
   * Appends exactly `size` bytes from `body`; returns their offset and CRC-32 (zlib's), taken as
   * they pass so the ramdisk's CRC can be known before it is written.
   */
  async append(body, size) {
    if (this.#sealed) throw new Error("spool append after seal");
    const offset = this.#staged.size;
    let written = 0;
    let crc = 0;
    for await (const chunk of body) {
      written += chunk.byteLength;
      if (written > size) break;
      crc = crc32(chunk, crc);
      await this.#staged.append(chunk);
    }
    if (written !== size) throw new Error(`expected ${size} bytes of file data, got ${written}`);
    return { offset, crc32: crc };
  }
  /**
   * Writes `buffer`'s first `length` bytes at a spool offset (a multiple of IO_BUFFER), split at
   * segment boundaries. With direct I/O a short last piece is written padded to the alignment
   * (bytes past the spool's size are never read).
   */
  async #writeAt(buffer, length, position) {
    for (let done = 0; done < length; ) {
      const at = position + done;
      const segment = Math.floor(at / this.#segmentSize);
      const within = at - segment * this.#segmentSize;
      const piece = Math.min(length - done, this.#segmentSize - within);
      const handle = await this.#writerFor(segment);
      try {
        const count = this.direct ? alignUp(piece) : piece;
        const { bytesWritten } = await handle.write(buffer, done, count, within);
        done += Math.min(bytesWritten, piece);
      } catch (error) {
        if (!this.direct || !isDirectRefusal(error)) throw this.#writeFailed(error);
        await this.#refuseDirect();
      }
    }
  }
  /** A failed spool write (typically a full disk) as one line naming the directory and what it needs. */
  #writeFailed(error) {
    return new UserError(
      `temporary directory ${this.#dir}: cannot write the image's files: ${error.message} (it needs about the image's uncompressed size free; set TMPDIR to a larger disk)`,
      { cause: error }
    );
  }
  async #writerFor(segment) {
    if (this.#writer?.segment === segment) return this.#writer.handle;
    await this.#closeWriter();
    const path = this.#segmentPath(segment);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
    let handle;
    try {
      handle = await open3(path, flags | this.#directFlag, 384);
    } catch (error) {
      if (!this.direct || !isDirectRefusal(error)) throw error;
      this.#stopDirect();
      handle = await open3(path, flags, 384);
    }
    this.#writer = { segment, handle };
    return handle;
  }
  /** The kernel refused a direct write: buffered I/O from now on (the open writer is reopened). */
  async #refuseDirect() {
    this.#stopDirect();
    const writer = this.#writer;
    if (writer) {
      await writer.handle.close().catch(() => void 0);
      this.#writer = { segment: writer.segment, handle: await open3(this.#segmentPath(writer.segment), constants.O_WRONLY) };
    }
  }
  /** Buffered I/O from now on: read descriptors opened for direct I/O are closed (reopened on use). */
  #stopDirect() {
    this.#directFlag = 0;
    for (const fd of this.#readers.values()) closeSync(fd);
    this.#readers.clear();
  }
  async #closeWriter() {
    const writer = this.#writer;
    this.#writer = void 0;
    await writer?.handle.close();
  }
  #segmentPath(segment) {
    return join3(this.#dir, `segment-${String(segment).padStart(6, "0")}.data`);
  }
  /** Flushes the writes: call once before reading. */
  async seal() {
    if (this.#sealed) return;
    await this.#staged.flush();
    await this.#closeWriter();
    [this.#readBuffer, ...this.#spareBuffers] = this.#staged.buffers;
    this.#sealed = true;
  }
  /**
   * Declares every read to come, as [offset, size] ranges (a range read twice is declared twice).
   * From then on each segment is deleted once its declared bytes have been read, and a segment
   * with none is deleted now; reading outside what was declared is an error.
   */
  expectReads(ranges) {
    if (!this.#sealed) throw new Error("spool expectReads before seal");
    const unread = new Array(Math.ceil(this.#staged.size / this.#segmentSize)).fill(0);
    const plan = Array.from(ranges).filter(([, size]) => size > 0);
    for (const [offset, size] of plan) this.#overlaps(offset, size, (segment, n) => unread[segment] += n);
    this.#plan = plan;
    this.#unread = unread;
    unread.forEach((n, segment) => n === 0 && this.#release(segment));
  }
  /** Calls `f(segment, bytes)` for each segment [offset, offset + size) overlaps. */
  #overlaps(offset, size, f) {
    for (let at = offset, end = offset + size; at < end; ) {
      const segment = Math.floor(at / this.#segmentSize);
      const stop = Math.min(end, (segment + 1) * this.#segmentSize);
      f(segment, stop - at);
      at = stop;
    }
  }
  /**
   * Streams `size` bytes at `offset` (after seal). Chunks are views into a reused buffer: each is
   * valid until the next one is asked for (every consumer hashes, copies or writes it at once).
   */
  async *read(offset, size) {
    if (size === 0) return;
    if (!this.#sealed) throw new Error("spool read before seal");
    if (offset < 0 || offset + size > this.#staged.size) throw new Error(`spool read [${offset}, ${offset + size}) outside [0, ${this.#staged.size})`);
    this.#follow(offset, size);
    for (let at = offset, end = offset + size; at < end; ) {
      if (at < this.#readStart || at >= this.#readEnd) await this.#fillAhead(at);
      const stop = Math.min(end, this.#readEnd);
      const view = this.#readBuffer.subarray(at - this.#readStart, stop - this.#readStart);
      this.#consumed(at, stop - at);
      at = stop;
      yield view;
    }
  }
  /** Moves the plan's cursor to this read when it is the next one declared (reads follow the walk). */
  #follow(offset, size) {
    const next = this.#plan?.[this.#cursor];
    if (next && next[0] === offset && next[1] === size) {
      this.#current = this.#cursor;
      this.#cursor += 1;
    } else {
      this.#current = -1;
    }
  }
  /**
   * Refills the read buffer for `at`: from the first prefetched window when it holds `at` (the
   * buffers swap), else by reading it now (the prefetches, off the path now, are dropped); then
   * prefetches the windows the declared reads need next, so the disk works while this thread
   * frames and hashes what it has.
   */
  async #fillAhead(at) {
    const prefetched = this.#prefetches.shift();
    const end = prefetched ? await prefetched.done.catch((error) => {
      if (this.direct && isDirectRefusal(error)) this.#stopDirect();
      return -1;
    }) : -1;
    if (prefetched && at >= prefetched.start && at < end) {
      this.#spareBuffers.push(this.#readBuffer);
      this.#readBuffer = prefetched.buffer;
      this.#readStart = prefetched.start;
      this.#readEnd = end;
      this.#fills.prefetched += 1;
    } else {
      if (prefetched) this.#spareBuffers.push(prefetched.buffer);
      await this.#dropPrefetches();
      await this.#fill(at);
      this.#fills.waited += 1;
    }
    this.#startPrefetches(at);
  }
  /** Waits for the reads in flight and takes their buffers back. */
  async #dropPrefetches() {
    const dropped = this.#prefetches.splice(0);
    await Promise.all(dropped.map((p) => p.done.catch(() => void 0)));
    this.#spareBuffers.push(...dropped.map((p) => p.buffer));
  }
  /** Starts reads, into the spare buffers, of the next windows the reads from `at` on will need. */
  #startPrefetches(at) {
    while (this.#spareBuffers.length > 0) {
      const next = this.#nextUncovered(at);
      if (next === void 0) return;
      const w = this.#window(next.at, next.index);
      if (this.#released.has(w.segment) || w.needed <= 0) return;
      let fd;
      try {
        fd = openSync(this.#segmentPath(w.segment), constants.O_RDONLY | this.#directFlag);
      } catch {
        return;
      }
      const buffer = this.#spareBuffers.pop();
      const done = readFully(fd, buffer, w.length, w.start, w.needed).then(
        (got) => (this.#fills.bytes += got, w.base + w.start + Math.min(got, w.needed))
      ).finally(() => closeSync(fd));
      done.catch(() => void 0);
      this.#prefetches.push({ start: w.base + w.start, end: w.base + w.start + w.needed, buffer, done });
    }
  }
  /**
   * Where the next prefetch must start: the reads to come, from `at` in the current one, replayed
   * against the buffers they will find (the read buffer, then each window in flight in turn, as
   * `read` switches only when a byte is outside the buffer it holds); the first byte in none of
   * them, with the index of the declared read it belongs to. A byte the read buffer holds now but
   * will have left by then (the walk alternating between two regions of the spool) is not covered.
   */
  #nextUncovered(at) {
    const plan = this.#plan;
    if (!plan || this.#current < 0) return void 0;
    let held = { start: this.#readStart, end: this.#readEnd };
    let queued = 0;
    for (let i = this.#current; i < plan.length; i++) {
      const [offset, size] = plan[i];
      for (let pos = i === this.#current ? Math.max(offset, at) : offset; pos < offset + size; pos = held.end) {
        if (pos >= held.start && pos < held.end) continue;
        const next = this.#prefetches[queued];
        if (next === void 0) return { at: pos, index: i };
        if (pos < next.start || pos >= next.end) return void 0;
        held = next;
        queued += 1;
      }
    }
    return void 0;
  }
  /**
   * The window a fill for `at` (in declared read `index`, -1 off the plan) reads: from the aligned
   * block holding it (direct I/O) to the end of the bytes the declared reads need next from there
   * (see #extent), at most IO_BUFFER and the segment's end. `length` is what is asked of the
   * kernel (whole blocks with direct I/O), `needed` what must arrive. Reading a full IO_BUFFER
   * whatever was needed read 1.8 GiB to serve 1 GiB on the benchmark image, whose walk jumps
   * between directories written in another order.
   */
  #window(at, index) {
    const segment = Math.floor(at / this.#segmentSize);
    const base = segment * this.#segmentSize;
    const start = this.direct ? alignDown(at - base) : at - base;
    const room = Math.min(IO_BUFFER, this.#segmentSize - start);
    const limit = base + start + Math.min(room, this.#staged.size - base - start);
    const needed = this.#extent(index, base + start, limit) - base - start;
    return { segment, base, start, length: this.direct ? Math.min(room, alignUp(needed)) : needed, needed };
  }
  /**
   * Where the bytes needed from declared read `index` on, in a window [from, limit), end: each
   * next declared read that starts inside the window or within READ_GAP of its end extends it;
   * the first that does not ends it. Off the plan (`index` -1): `limit`.
   */
  #extent(index, from, limit) {
    const plan = this.#plan;
    if (!plan || index < 0) return limit;
    const [offset, size] = plan[index];
    let end = Math.min(offset + size, limit);
    for (let i = index + 1; i < plan.length && end < limit; i++) {
      const [next, length] = plan[i];
      if (next < from || next > end + READ_GAP) break;
      end = Math.min(Math.max(end, next + length), limit);
    }
    return end;
  }
  /** Reads the window holding `at` into the read buffer (see #window). */
  async #fill(at) {
    const segment = Math.floor(at / this.#segmentSize);
    if (this.#released.has(segment)) throw new Error(`spool segment ${segment} was released: offset ${at} read more often than declared`);
    for (; ; ) {
      const direct = this.direct;
      const { base, start, length, needed } = this.#window(at, this.#current);
      try {
        const got = await readFully(this.#readerFor(segment), this.#readBuffer, length, start, needed);
        this.#fills.bytes += got;
        this.#readStart = base + start;
        this.#readEnd = base + start + Math.min(got, needed);
        return;
      } catch (error) {
        if (!direct || !isDirectRefusal(error)) throw error;
        this.#stopDirect();
      }
    }
  }
  #readerFor(segment) {
    const open5 = this.#readers.get(segment);
    if (open5 !== void 0) return open5;
    if (this.#readers.size >= OPEN_READERS) {
      const [oldest, fd2] = this.#readers.entries().next().value;
      closeSync(fd2);
      this.#readers.delete(oldest);
    }
    const fd = openSync(this.#segmentPath(segment), constants.O_RDONLY | this.#directFlag);
    this.#readers.set(segment, fd);
    return fd;
  }
  #consumed(offset, size) {
    const unread = this.#unread;
    if (!unread) return;
    this.#overlaps(offset, size, (segment, n) => {
      const left = (unread[segment] ?? 0) - n;
      if (left < 0) throw new Error(`spool segment ${segment} read beyond the declared reads`);
      unread[segment] = left;
      if (left === 0) this.#release(segment);
    });
  }
  /** Deletes a segment file: its page-cache pages are freed for the writes to come. */
  #release(segment) {
    if (this.#released.has(segment)) return;
    this.#released.add(segment);
    const fd = this.#readers.get(segment);
    if (fd !== void 0) closeSync(fd);
    this.#readers.delete(segment);
    try {
      unlinkSync(this.#segmentPath(segment));
    } catch {
    }
  }
  /** Deletes the temp directory. Never throws. */
  async dispose() {
    if (!this.#disposed) {
      this.#disposed = true;
      await this.#dropPrefetches();
      this.#sealed = true;
      await this.#staged.settle();
      await this.#closeWriter().catch(() => void 0);
      const fds = [...this.#readers.values()];
      this.#readers.clear();
      for (const fd of fds) {
        try {
          closeSync(fd);
        } catch {
        }
      }
    }
    await removeTempDir(this.#dir);
  }
};
function readFully(fd, buffer, length, position, needed) {
  return new Promise((resolve2, reject) => {
    const step = (got) => {
      if (got >= needed) return resolve2(got);
      readAsync(fd, buffer, got, length - got, position + got, (error, n) => {
        if (error) return reject(error);
        if (n === 0) return reject(new Error(`spool segment ends at ${position + got}`));
        step(got + n);
      });
    };
    step(0);
  });
}

// src/image/merge.ts
async function mergeFilesystem(image, options) {
  const spool = await Spool.create(options.tempDir).catch((error) => {
    throw new UserError(`${options.tempDir}: cannot create a temporary directory: ${error.message}`, { cause: error });
  });
  try {
    const tree = new Tree({ mode: 493, uid: 0, gid: 0, mtime: options.impliedDirMtime ?? 0 });
    const digests = new LayerDigests();
    try {
      for (const [index, layer] of image.layers.entries()) {
        const ctx = { tree, spool, index, digest: layer.digest, maxFileSize: options.maxFileSize };
        const report = (bytes) => options.onProgress?.({
          layer: index,
          layerCount: image.layers.length,
          digest: layer.digest,
          bytes,
          ...layer.size === void 0 ? {} : { size: layer.size }
        });
        await readLayer(image.store, layer, (header, body) => applyEntry(ctx, header, body), report, digests);
      }
    } finally {
      await digests.close();
    }
    const createdAt2 = options.createdAt ?? 0;
    applyInitLayer(tree, createdAt2, image.layers.length);
    applyWorkingDir(tree, image.workingDir, createdAt2, image.layers.length + 1);
    await spool.seal();
    const reads = [];
    const entries = walkTree(tree.root, spool, options.readOnce ? (offset, size) => reads.push([offset, size]) : void 0);
    if (options.readOnce) spool.expectReads(reads);
    return { entries: () => entries, close: () => spool.dispose() };
  } catch (error) {
    await spool.dispose();
    throw error;
  }
}

// src/ramdisk/cmd-env.ts
function selectCommand(config) {
  if (config.cmd !== void 0 && config.cmd !== null) return config.cmd;
  if (config.entrypoint !== void 0 && config.entrypoint !== null) return config.entrypoint;
  throw new UserError("image config has neither Cmd nor Entrypoint: the enclave would have nothing to run");
}
function encodeLines(lines, what) {
  for (const line of lines) {
    if (line.includes("\n")) {
      throw new UserError(`image config ${what}: element ${JSON.stringify(line)} contains a newline, which the enclave init cannot represent`);
    }
  }
  return Buffer.from(lines.map((line) => `${line}
`).join(""), "utf8");
}
function cmdEnvFiles(config) {
  return {
    cmd: encodeLines(selectCommand(config), config.cmd ? "Cmd" : "Entrypoint"),
    env: encodeLines(config.env ?? [], "Env")
  };
}

// src/ramdisk/customer.ts
var EXCLUDED_PATHS = /* @__PURE__ */ new Set([".dockerenv", "Dockerfile", "dev/console", "etc/hostname"]);
var HOSTS_PATH = "etc/hosts";
var HOSTS_CONTENT = Buffer.from(
  "127.0.0.1       localhost\n::1     localhost ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n",
  "latin1"
);
var HOSTS_MODE = 493;
var RESOLV_CONF_PATH = "etc/resolv.conf";
var RESOLV_CONF_TARGET = "/run/resolvconf/resolv.conf";
var RESOLV_CONF_MODE = 493;
var MTAB_PATH = "etc/mtab";
var MTAB_TARGET = "/proc/mounts";
var MTAB_MODE = 511;
var TOUCHED_DIRS = ["dev/", "dev/pts/", "dev/shm/", "etc/", "proc/", "sys/"];
var MOUNT_POINT_DIRS = ["dev", "run", "sys", "var", "proc", "tmp"];
var ROOT_OWNED = { uid: 0, gid: 0 };
function generatedDir(name) {
  return { ...ROOT_OWNED, name, type: "dir", mode: GENERATED_DIR_MODE, mtime: LINUXKIT_MTIME, size: 0 };
}
function prefixed(path) {
  return `${ROOTFS_DIR}/${path}`;
}
function normaliseEntry(entry) {
  if (EXCLUDED_PATHS.has(entry.path)) return void 0;
  const name = prefixed(entry.path);
  switch (entry.path) {
    case HOSTS_PATH:
      return hostsEntry(name);
    case RESOLV_CONF_PATH:
      return fixedSymlink(name, RESOLV_CONF_TARGET, RESOLV_CONF_MODE);
    case MTAB_PATH:
      return fixedSymlink(name, MTAB_TARGET, MTAB_MODE);
  }
  const mtime = TOUCHED_DIRS.includes(entry.path) ? LINUXKIT_MTIME : Math.floor(entry.mtime);
  return {
    name,
    type: entry.type,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    mtime,
    size: entry.type === "file" ? entry.size : 0,
    // Hard links name the data's entry by its export path, which is now under rootfs/ too.
    linkname: entry.type === "hardlink" && entry.linkname !== void 0 ? prefixed(entry.linkname) : entry.linkname,
    rdevmajor: entry.devmajor,
    rdevminor: entry.devminor,
    data: entry.open,
    crc32: entry.crc32
  };
}
function hostsEntry(name) {
  return { ...ROOT_OWNED, name, type: "file", mode: HOSTS_MODE, mtime: LINUXKIT_MTIME, size: HOSTS_CONTENT.length, data: HOSTS_CONTENT };
}
function fixedSymlink(name, linkname, mode) {
  return { ...ROOT_OWNED, name, type: "symlink", mode, mtime: LINUXKIT_MTIME, size: 0, linkname };
}
function missingTouchedEntries(seen) {
  const missing = [];
  for (const path of [...TOUCHED_DIRS, MTAB_PATH, RESOLV_CONF_PATH]) {
    if (seen.has(path)) continue;
    if (path === MTAB_PATH) missing.push(fixedSymlink(prefixed(path), MTAB_TARGET, MTAB_MODE));
    else if (path === RESOLV_CONF_PATH) missing.push(fixedSymlink(prefixed(path), RESOLV_CONF_TARGET, RESOLV_CONF_MODE));
    else missing.push(generatedDir(prefixed(path.slice(0, -1))));
  }
  return missing;
}
function linuxkitFiles(files) {
  const file = (name, data) => ({
    ...ROOT_OWNED,
    name,
    type: "file",
    mode: GENERATED_FILE_MODE,
    mtime: LINUXKIT_MTIME,
    size: data.byteLength,
    data
  });
  return [
    generatedDir(ROOTFS_DIR),
    ...MOUNT_POINT_DIRS.map((dir) => generatedDir(prefixed(dir))),
    file("cmd", files.cmd),
    file("env", files.env)
  ];
}
function* customerEntries(tree, files) {
  yield generatedDir(ROOTFS_DIR);
  const seen = /* @__PURE__ */ new Set();
  for (const entry of tree) {
    seen.add(entry.path);
    const normalised = normaliseEntry(entry);
    if (normalised !== void 0) yield normalised;
  }
  yield* missingTouchedEntries(seen);
  yield* linuxkitFiles(files);
}
function customerRamdisk(tree, files, observer) {
  return cpioArchive(() => customerEntries(tree(), files), observer);
}

// src/build/manifest.ts
var MANIFEST_SCHEMA = "nitro-eif-build/ramdisk-manifest@1";
var TYPE_BY_BITS = new Map(
  Object.entries(MODE_TYPE).map(([name, bits]) => [bits, name])
);
function manifestEntry(written) {
  const { header } = written;
  const type = TYPE_BY_BITS.get(header.mode & 61440) ?? "file";
  const base = {
    path: written.name,
    type,
    mode: (header.mode & 4095).toString(8).padStart(4, "0"),
    uid: header.uid,
    gid: header.gid,
    mtime: header.mtime
  };
  if (type === "file") return { ...base, size: header.filesize, sha256: written.sha256 };
  if (type === "symlink") return { ...base, target: written.linkTarget };
  if (type === "char" || type === "block") return { ...base, rdev: `${header.rdevmajor}:${header.rdevminor}` };
  return base;
}
var ManifestCollector = class {
  hashData = true;
  entries = [];
  onEntry(entry) {
    this.entries.push(manifestEntry(entry));
  }
};
function renderManifest(manifest) {
  const head = JSON.stringify({ schema: manifest.schema, ramdisk: manifest.ramdisk, size: manifest.size, sha384: manifest.sha384 }, null, 2);
  const lines = manifest.entries.map((entry) => `    ${JSON.stringify(entry)}`);
  return `${head.slice(0, -2)},
  "entries": [
${lines.join(",\n")}
  ]
}
`;
}

// src/build/pipeline.ts
async function buildEnclave(options) {
  options.onProgress?.({ phase: "open" });
  const opened = await openImage(options.image);
  const image = opened.info;
  const arch = eifArchOf(image.architecture);
  const blobs = await loadBlobs({ dir: options.blobsDir, arch, lock: options.blobsLock });
  const files = cmdEnvFiles(image);
  const fs = await mergeFilesystem(opened, {
    tempDir: options.tempDir,
    maxFileSize: MAX_FIELD,
    readOnce: true,
    onProgress: (p) => options.onProgress?.({ phase: "layers", layer: p.layer, layerCount: p.layerCount, bytes: p.bytes, size: p.size })
  });
  try {
    return await writeBuild(options, { image, arch, blobs, fs, files });
  } finally {
    await fs.close();
  }
}
async function writeBuild(options, p) {
  const blob = (b) => ({ size: b.bytes.byteLength, data: b.bytes });
  const bootstrap = bootstrapRamdisk({ init: blob(p.blobs.init), nsm: blob(p.blobs.nsm) });
  const bootstrapInfo = await bootstrapDigest(p.blobs);
  const wantManifest = options.manifest === true || options.manifestPath !== void 0;
  const collector = wantManifest ? new ManifestCollector() : void 0;
  const counter = { entries: 0, onEntry: () => void (counter.entries += 1) };
  const customer = withProgress(
    customerRamdisk(() => p.fs.entries(), p.files, collector ?? counter),
    (bytes, total) => options.onProgress?.({ phase: "write", bytes, total })
  );
  const metadata = eifMetadata({
    image: p.image,
    kernel: p.blobs.kernelInfo,
    sourceDateEpoch: options.sourceDateEpoch,
    name: options.name,
    version: options.version,
    custom: options.customMetadata
  });
  const eif = await writeEif({
    outputPath: options.outputPath,
    arch: p.arch,
    kernel: p.blobs.kernel.bytes,
    cmdline: p.blobs.cmdlineText,
    metadata,
    ramdisks: [bootstrap, customer.source],
    fileDigests: options.eifDigests !== false || options.measurementsPath !== void 0
  });
  try {
    return await finishBuild(options, p, eif, { bootstrap: bootstrapInfo, customer: customer.digest(eif), collector, counted: counter.entries });
  } catch (error) {
    await Promise.all([options.outputPath, options.measurementsPath].map((path) => path && rm(path, { force: true })));
    throw error;
  }
}
async function finishBuild(options, p, eif, w) {
  checkPcr2(eif, w.customer.sha384);
  const manifest = w.collector && { schema: MANIFEST_SCHEMA, ramdisk: "customer", ...w.customer, entries: w.collector.entries };
  const entries = w.collector?.entries.length ?? w.counted;
  const measurements = eif.sha256 !== void 0 && eif.sha384 !== void 0 ? measurementsOf(options, p, { ...eif, sha256: eif.sha256, sha384: eif.sha384 }, w.bootstrap, { ...w.customer, entries }) : void 0;
  if (options.measurementsPath) {
    if (!measurements) throw new Error("internal: the EIF writer returned no digests for the measurements file");
    await writeFileAtomic(options.measurementsPath, renderMeasurements(measurements));
  }
  if (options.manifestPath && manifest) await writeFileAtomic(options.manifestPath, renderManifest(manifest));
  options.onProgress?.({ phase: "done" });
  return { eif, arch: p.arch, image: p.image, blobs: p.blobs, measurements, manifest };
}
function withProgress(sized, onBytes) {
  const source = {
    size: sized.size,
    ...sized.crc32 !== void 0 ? { crc32: sized.crc32 } : {},
    stream: async function* () {
      let bytes = 0;
      for await (const chunk of sized.stream()) {
        bytes += chunk.byteLength;
        onBytes?.(bytes, sized.size);
        yield chunk;
      }
    }
  };
  const digest = (eif) => ({ size: sized.size, sha384: eif.laterRamdisksSha384 });
  return { source, digest };
}
function checkPcr2(eif, customerSha384) {
  const expected = createHash7("sha384").update(Buffer.alloc(48)).update(Buffer.from(customerSha384, "hex")).digest("hex");
  if (eif.pcrs.PCR2 !== expected) {
    throw new VerificationError(`internal check failed: PCR2 ${eif.pcrs.PCR2} is not the measurement of the customer ramdisk written (${expected})`);
  }
}
function measurementsOf(options, p, eif, bootstrap, customer) {
  return {
    schema: MEASUREMENTS_SCHEMA,
    pcrs: eif.pcrs,
    os_image_hash: osImageHash(eif.pcrs),
    eif: { size: eif.size, sha256: eif.sha256, sha384: eif.sha384, arch: p.arch },
    image: {
      manifest_digest: p.image.manifestDigest ?? null,
      config_digest: p.image.configDigest,
      platform: p.image.platform,
      layers: p.image.layers
    },
    blobs: {
      set: p.blobs.recognisedSet ?? null,
      sha384: blobHashes(p.blobs),
      cmdline: p.blobs.cmdlineText,
      kernel: { os: p.blobs.kernelInfo.os, version: p.blobs.kernelInfo.version }
    },
    ramdisks: { bootstrap, customer },
    builder: { name: BUILDER_NAME, version: BUILDER_VERSION },
    source_date_epoch: options.sourceDateEpoch,
    dstack_util: options.dstackUtilSha256 ? { sha256: options.dstackUtilSha256 } : null
  };
}

// src/cli/commands/sign-eif.ts
import { readFile as readFile2 } from "node:fs/promises";
function register2(program2) {
  program2.addCommand(
    newCommand("sign-eif").description("Sign an EIF (PCR8) with a local EC key or an AWS KMS key; replaces an existing signature").requiredOption("--eif-path <file>", "EIF to sign in place").requiredOption("--signing-certificate <pem>", "X.509 signing certificate (PEM, EC P-256/P-384/P-521)").requiredOption("--private-key <pem|arn>", "EC private key PEM file, or a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)").action(async (options) => {
      const certificatePem = await readInput(options.signingCertificate);
      const result = await signEif(options.eifPath, { certificatePem, signer: await signerFor(options.privateKey) });
      process.stderr.write("Enclave Image successfully signed.\n");
      const measurements = { HashAlgorithm: HASH_ALGORITHM, ...result.pcrs };
      process.stdout.write(`${JSON.stringify({ Measurements: measurements }, null, 2)}
`);
    })
  );
}
async function signerFor(privateKey) {
  const { kmsSigner, parseKmsKeyArn } = await import("./cli-chunks/kms-signer-VEYNM4PD.js");
  if (parseKmsKeyArn(privateKey)) return kmsSigner({ keyId: privateKey });
  if (privateKey.startsWith("arn:")) throw new UserError(`--private-key: not a KMS key ARN: ${privateKey}`, { code: "usage" });
  return localKeySigner(await readInput(privateKey), privateKey);
}
async function readInput(path) {
  try {
    return await readFile2(path);
  } catch (error) {
    throw new UserError(`${path}: cannot read: ${error.message}`, { code: "not-found", cause: error });
  }
}

// src/cli/commands/build-enclave.ts
function register3(program2) {
  program2.enablePositionalOptions();
  program2.addCommand(
    newCommand("build-enclave").description("Build an enclave image file (EIF) from an OCI archive, OCI layout or docker-save archive, without Docker").option("--oci-archive <file>", "OCI image archive (docker buildx --output type=oci)").option("--oci-layout <dir>", "OCI image layout directory").option("--docker-archive <file>", "docker save archive").requiredOption("--output-file <file>", "where to write the EIF").option("--blobs-dir <dir>", "kernel, cmdline, init and nsm.ko in nitro-cli layout", DEFAULT_BLOBS_DIR).option("--blobs-sha384 <file>", "JSON {blob name: sha384} every blob must match").option("--platform <platform>", "image platform to use from a multi-platform index, e.g. linux/amd64").option("--name <name>", "ImageName in the EIF metadata (default: enclave)").option("--version <version>", "ImageVersion in the EIF metadata (default: the image config digest)").option("--metadata <file>", "JSON file stored as CustomMetadata (at most 4096 bytes)").option("--source-date-epoch <seconds>", "build time recorded in the EIF (default: $SOURCE_DATE_EPOCH, else 0)").option("--measurements-file <file>", "write PCRs, os_image_hash, digests and blob hashes as JSON").option("--manifest-file <file>", "write every customer ramdisk entry (for diffing builds)").option("--signing-certificate <pem>", "sign the EIF (PCR8) with this certificate, as nitro-cli (with --private-key)").option("--private-key <pem|arn>", "EC private key PEM file, or a KMS key ARN, for --signing-certificate").option("--quiet", "no progress on stderr").action(async (flags) => {
      if (flags.signingCertificate === void 0 !== (flags.privateKey === void 0)) {
        throw new UserError("build-enclave: --signing-certificate and --private-key go together", { code: "usage" });
      }
      const options = await buildOptions(flags);
      const result = await buildEnclave(options);
      const pcrs = flags.signingCertificate && flags.privateKey ? await signBuilt(flags, options, result) : result.eif.pcrs;
      process.stdout.write(`${nitroCliMeasurements(pcrs)}
`);
      warnAboutEnclaveMemory(result.eif.size, flags.quiet);
    })
  );
}
async function signBuilt(flags, options, result) {
  try {
    const certificatePem = await readInput(flags.signingCertificate);
    const signed = await signEif(options.outputPath, { certificatePem, signer: await signerFor(flags.privateKey) });
    const doc = result.measurements;
    if (options.measurementsPath && doc) {
      const eif = { ...doc.eif, size: signed.size, sha256: signed.sha256, sha384: signed.sha384 };
      await writeFileAtomic(options.measurementsPath, renderMeasurements({ ...doc, pcrs: signed.pcrs, eif }));
    }
    return signed.pcrs;
  } catch (error) {
    await Promise.all([options.outputPath, options.measurementsPath].map((path) => path && rm2(path, { force: true })));
    throw error;
  }
}
var LARGE_EIF_BYTES = 256 * 1024 * 1024;
function warnAboutEnclaveMemory(eifSize, quiet) {
  if (quiet || eifSize < LARGE_EIF_BYTES) return;
  process.stderr.write(
    `nitro-eif: warning: the EIF is ${Math.round(eifSize / 2 ** 20)} MiB; run-enclave needs at least ${minimumEnclaveMemoryMiB(eifSize)} MiB of enclave memory (--memory) for it
`
  );
}
function imageSource(flags) {
  const given = [flags.ociArchive, flags.ociLayout, flags.dockerArchive].filter((v) => v !== void 0);
  if (given.length !== 1) {
    throw new UserError("build-enclave: give exactly one of --oci-archive, --oci-layout, --docker-archive", { code: "usage" });
  }
  const platform = flags.platform;
  if (flags.ociArchive !== void 0) return { ociArchive: flags.ociArchive, platform };
  if (flags.ociLayout !== void 0) return { ociLayout: flags.ociLayout, platform };
  return { dockerArchive: flags.dockerArchive, platform };
}
async function buildOptions(flags) {
  const image = imageSource(flags);
  const epochText = flags.sourceDateEpoch ?? process.env["SOURCE_DATE_EPOCH"] ?? "0";
  const epochWhat = flags.sourceDateEpoch !== void 0 ? "--source-date-epoch" : "SOURCE_DATE_EPOCH";
  return {
    image,
    outputPath: flags.outputFile,
    blobsDir: flags.blobsDir,
    blobsLock: flags.blobsSha384 ? await readBlobLock(flags.blobsSha384) : void 0,
    sourceDateEpoch: parseSourceDateEpoch(epochText, epochWhat),
    name: flags.name,
    version: flags.version,
    customMetadata: flags.metadata ? parseCustomMetadata(await readText(flags.metadata), flags.metadata) : void 0,
    measurementsPath: flags.measurementsFile,
    // The EIF's own SHA-256/SHA-384 go only into the measurements file: without one, skip that pass.
    eifDigests: false,
    manifestPath: flags.manifestFile,
    tempDir: tmpdir(),
    onProgress: !flags.quiet && process.stderr.isTTY ? progressLine() : void 0
  };
}
async function readText(path) {
  return readFile3(path, "utf8").catch((cause) => {
    throw new UserError(`metadata file ${path}: cannot read it`, { code: "not-found", cause });
  });
}
function progressLine() {
  let last = 0;
  const mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;
  return (p) => {
    const now = Date.now();
    if (p.phase !== "done" && now - last < 200) return;
    last = now;
    const text = p.phase === "open" ? "opening image" : p.phase === "layers" ? `reading layer ${p.layer + 1}/${p.layerCount}: ${mib(p.bytes)}${p.size ? ` of ${mib(p.size)}` : ""}` : p.phase === "write" ? `writing customer ramdisk: ${mib(p.bytes)} of ${mib(p.total)}` : "done";
    process.stderr.write(`\r\x1B[2K${text}${p.phase === "done" ? "\n" : ""}`);
  };
}

// src/cli/commands/describe-eif.ts
function register4(program2) {
  program2.addCommand(
    newCommand("describe-eif").description("Validate an EIF strictly and print its measurements, CRC/signature checks and metadata (as nitro-cli)").requiredOption("--eif-path <file>", "path to the EIF to describe").action(async (options) => {
      const inspection = await inspectEif(options.eifPath, { fileDigests: false });
      process.stdout.write(`${JSON.stringify(describeEif(inspection), null, 2)}
`);
    })
  );
}

// src/review/facts.ts
var PCR_NAMES = ["PCR0", "PCR1", "PCR2", "PCR8"];
var PCR_HEX = /^[0-9a-f]{96}$/;
function factsFromJson(value, file) {
  if (!isRecord(value)) throw new FormatError(`${file}: expected a JSON object`);
  const pcrSource = pickRecord(value, ["pcrs", "Measurements", "measurements"]) ?? value;
  const pcrs = {};
  for (const name of PCR_NAMES) {
    const pcr = pcrSource[name] ?? pcrSource[name.toLowerCase()];
    if (pcr === void 0) continue;
    if (typeof pcr !== "string" || !PCR_HEX.test(pcr.toLowerCase())) throw new FormatError(`${file}: ${name} is not 96 hex digits`);
    pcrs[name] = pcr.toLowerCase();
  }
  if (!pcrs.PCR0 || !pcrs.PCR1 || !pcrs.PCR2) throw new FormatError(`${file}: PCR0, PCR1 and PCR2 are required`);
  return {
    pcrs,
    osImageHash: optionalHex(value["os_image_hash"] ?? value["osImageHash"], true),
    blobs: blobHashes2(value["blobs"]),
    dstackUtil: optionalHex(sha256Of(value["dstack_util"] ?? value["dstackUtil"]), false),
    baseImages: Array.isArray(value["base_images"]) ? value["base_images"].filter((s) => typeof s === "string") : void 0,
    manifestSha256: optionalHex(sha256Of(value["manifest"]), false)
  };
}
function sha256Of(value) {
  if (isRecord(value)) return value["sha256"];
  return value;
}
function blobHashes2(value) {
  if (!isRecord(value)) return void 0;
  if (isRecord(value["sha384"])) return blobHashes2(value["sha384"]);
  const out = {};
  for (const [name, entry] of Object.entries(value)) {
    const hash = isRecord(entry) ? entry["sha384"] : entry;
    if (typeof hash === "string") out[name] = hash.toLowerCase();
  }
  return out;
}
function optionalHex(value, prefixed2) {
  if (typeof value !== "string" || value === "") return void 0;
  const hex = value.toLowerCase().replace(/^0x/, "").replace(/^sha256:/, "");
  return prefixed2 ? `0x${hex}` : hex;
}
function pickRecord(value, keys) {
  for (const key of keys) {
    const v = value[key];
    if (isRecord(v)) return v;
  }
  return void 0;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/review/manifest-diff.ts
var CONTENT_FIELDS = /* @__PURE__ */ new Set(["sha256", "sha384", "digest", "size", "linkname", "target", "contents"]);
function manifestEntries(value, file) {
  const list = Array.isArray(value) ? value : isRecord(value) ? value["entries"] ?? value["files"] : void 0;
  if (!Array.isArray(list)) throw new FormatError(`${file}: not a manifest (expected an "entries" array)`);
  return list.map((entry, index) => {
    if (!isRecord(entry) || typeof entry["path"] !== "string") throw new FormatError(`${file}: entry ${index} has no "path"`);
    return entry;
  });
}
function isManifest(value) {
  const list = Array.isArray(value) ? value : isRecord(value) ? value["entries"] ?? value["files"] : void 0;
  return Array.isArray(list) && list.every((e) => isRecord(e) && typeof e["path"] === "string");
}
function diffManifests(before, after) {
  const old = new Map(before.map((e) => [e.path, e]));
  const now = new Map(after.map((e) => [e.path, e]));
  const changes = [];
  for (const [path, entry] of now) {
    const prev = old.get(path);
    if (!prev) {
      changes.push({ path, kind: "added", fields: [] });
      continue;
    }
    const fields = differingFields(prev, entry);
    if (fields.length === 0) continue;
    const kind = fields.some((f) => CONTENT_FIELDS.has(f)) ? "contents" : "metadata";
    changes.push({ path, kind, fields });
  }
  for (const path of old.keys()) if (!now.has(path)) changes.push({ path, kind: "removed", fields: [] });
  return changes.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
function differingFields(a, b) {
  const keys = /* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete("path");
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}
function describeChange(change) {
  switch (change.kind) {
    case "added":
      return `+ ${change.path} (added)`;
    case "removed":
      return `- ${change.path} (removed)`;
    default:
      return `~ ${change.path} (${change.kind}: ${change.fields.join(", ")})`;
  }
}

// src/review/explain.ts
function explainChanges(before, after, files) {
  const changes = [];
  for (const pcr of PCR_NAMES) {
    const a = before.pcrs[pcr];
    const b = after.pcrs[pcr];
    if (a === b) continue;
    changes.push({ pcr, before: a, after: b, reasons: reasonsFor(pcr, before, after, files) });
  }
  const osChanged = changes.some((c) => c.pcr !== "PCR8");
  return {
    unchanged: changes.length === 0,
    changes,
    osImageHash: { before: before.osImageHash, after: after.osImageHash, changed: osChanged },
    files
  };
}
function reasonsFor(pcr, before, after, files) {
  switch (pcr) {
    case "PCR0":
      return ["PCR0 covers the kernel, cmdline and both ramdisks: it follows PCR1 and PCR2"];
    case "PCR1":
      return bootstrapReasons(before, after);
    case "PCR2":
      return customerReasons(before, after, files);
    case "PCR8":
      return [after.pcrs.PCR8 === void 0 ? "the EIF is no longer signed" : before.pcrs.PCR8 === void 0 ? "the EIF is now signed" : "the signing certificate changed"];
  }
}
function bootstrapReasons(before, after) {
  const reasons = changedBlobs(before.blobs, after.blobs).map((name) => `blob ${name} changed (${short(before.blobs?.[name])} \u2192 ${short(after.blobs?.[name])})`);
  if (reasons.length > 0) return reasons;
  if (before.blobs && after.blobs) return ["the kernel, cmdline or bootstrap ramdisk changed although the blob hashes did not (builder version?)"];
  return ["the kernel, cmdline or bootstrap blobs (init, nsm.ko) changed (blob hashes not recorded on both sides)"];
}
function changedBlobs(a, b) {
  if (!a || !b) return [];
  const names = [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.filter((n) => a[n] !== b[n]);
}
function customerReasons(before, after, files) {
  const reasons = [];
  if (before.dstackUtil !== after.dstackUtil) {
    reasons.push(`dstack-util changed (sha256 ${short(before.dstackUtil)} \u2192 ${short(after.dstackUtil)})`);
  }
  const oldBases = before.baseImages?.join(", ");
  const newBases = after.baseImages?.join(", ");
  if (oldBases !== void 0 && newBases !== void 0 && oldBases !== newBases) reasons.push(`base images changed: ${oldBases} \u2192 ${newBases}`);
  if (files) {
    if (files.length === 0) reasons.push("no file differs in the manifests: the cmd or env of the image changed");
    else reasons.push(`${files.length} file(s) differ in the customer ramdisk:`, ...files.map(describeChange));
  } else {
    reasons.push("the image files (customer ramdisk) changed; the previous manifest is not available to say which");
  }
  return reasons;
}
function short(hex) {
  return hex === void 0 ? "none" : hex.slice(0, 12);
}
function renderReviewText(review) {
  if (review.unchanged) return "PCR0, PCR1, PCR2 and PCR8 are unchanged; OS_IMAGE_HASH is unchanged.\n";
  const lines = [];
  for (const change of review.changes) {
    lines.push(`${change.pcr} changed: ${change.before ?? "none"} \u2192 ${change.after ?? "none"}`);
    for (const reason of change.reasons) lines.push(`  ${reason}`);
  }
  const os = review.osImageHash;
  lines.push(os.changed ? `OS_IMAGE_HASH changed: ${os.before ?? "?"} \u2192 ${os.after ?? "?"}` : "OS_IMAGE_HASH is unchanged");
  return `${lines.join("\n")}
`;
}

// src/review/load.ts
import { createHash as createHash8 } from "node:crypto";
import { open as open4, readFile as readFile4 } from "node:fs/promises";
import { dirname, resolve } from "node:path";

// src/review/lock.ts
var LOCK_VERSION = 1;
var DEFAULT_LOCK_NAME = "nitro-eif.lock.json";
function manifestNameFor(lockName) {
  return lockName.endsWith(".json") ? `${lockName.slice(0, -5)}.manifest.json` : `${lockName}.manifest.json`;
}
function createLock(facts, manifest) {
  return {
    version: LOCK_VERSION,
    pcrs: sortedPcrs(facts.pcrs),
    ...facts.osImageHash ? { os_image_hash: facts.osImageHash } : {},
    ...facts.blobs ? { blobs: sortKeys(facts.blobs) } : {},
    ...facts.dstackUtil ? { dstack_util: { sha256: facts.dstackUtil } } : {},
    ...facts.baseImages ? { base_images: [...facts.baseImages] } : {},
    ...manifest ? { manifest } : {}
  };
}
function serializeLock(lock) {
  return `${JSON.stringify(lock, null, 2)}
`;
}
function parseLock(text, file) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`${file}: not valid JSON`, { cause: error });
  }
  if (!isRecord(value) || value["version"] !== LOCK_VERSION) throw new FormatError(`${file}: not a nitro-eif lock file (version ${LOCK_VERSION})`);
  const manifest = value["manifest"];
  if (manifest !== void 0 && !(isRecord(manifest) && typeof manifest["path"] === "string" && typeof manifest["sha256"] === "string")) {
    throw new FormatError(`${file}: "manifest" must be {"path", "sha256"}`);
  }
  if (isRecord(manifest) && (String(manifest["path"]).startsWith("/") || String(manifest["path"]).split(/[\\/]/).includes(".."))) {
    throw new FormatError(`${file}: manifest path must stay beside the lock file`);
  }
  return { lock: value, facts: factsFromJson(value, file) };
}
function sortedPcrs(pcrs) {
  const out = {};
  for (const name of ["PCR0", "PCR1", "PCR2", "PCR8"]) if (pcrs[name]) out[name] = pcrs[name];
  return out;
}
function sortKeys(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

// src/review/load.ts
async function loadReviewSide(file, readEifPcrs2) {
  if (await startsWith(file, Buffer.from(EIF_MAGIC))) {
    if (!readEifPcrs2) throw new UserError(`${file}: reading PCRs from an EIF is not available in this build`, { code: "unsupported" });
    return { file, facts: { pcrs: await readEifPcrs2(file) }, manifestNote: "an EIF carries no manifest" };
  }
  const value = await readJson(file);
  if (isManifest(value)) return { file, entries: manifestEntries(value, file) };
  if (isRecord(value) && value["version"] === LOCK_VERSION && isRecord(value["pcrs"])) {
    const { lock, facts: facts2 } = parseLock(JSON.stringify(value), file);
    return { file, facts: facts2, ...await loadManifestBeside(file, lock.manifest) };
  }
  const facts = factsFromJson(value, file);
  const ref = isRecord(value) && isRecord(value["manifest"]) ? value["manifest"] : void 0;
  const manifest = typeof ref?.["path"] === "string" ? { path: ref["path"], sha256: String(ref["sha256"] ?? "") } : void 0;
  return { file, facts, ...await loadManifestBeside(file, manifest) };
}
async function loadManifestBeside(file, ref) {
  if (!ref) return { manifestNote: `${file} names no manifest` };
  const path = resolve(dirname(file), ref.path);
  let bytes;
  try {
    bytes = await readFile4(path);
  } catch {
    return { manifestNote: `manifest ${ref.path} (named by ${file}) is not present` };
  }
  const digest = createHash8("sha256").update(bytes).digest("hex");
  if (ref.sha256 && digest !== ref.sha256.replace(/^sha256:/, "").toLowerCase()) {
    return { manifestNote: `manifest ${ref.path} does not match the SHA-256 recorded in ${file}` };
  }
  return { entries: manifestEntries(parse(bytes, path), path) };
}
function compareSides(before, after) {
  const files = before.entries && after.entries ? diffManifests(before.entries, after.entries) : void 0;
  if (before.facts && after.facts) return { review: explainChanges(before.facts, after.facts, files), files };
  if (files) return { files };
  throw new UserError(`cannot compare ${before.file} with ${after.file}: give two EIFs/measurement/lock files, or two manifests`);
}
async function startsWith(file, magic) {
  let handle;
  try {
    handle = await open4(file, "r");
  } catch (error) {
    throw new UserError(`${file}: ${error.message}`, { code: "not-found", cause: error });
  }
  try {
    const buffer = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(buffer, 0, magic.length, 0);
    return bytesRead === magic.length && buffer.equals(magic);
  } finally {
    await handle.close();
  }
}
async function readJson(file) {
  return parse(await readFile4(file), file);
}
function parse(bytes, file) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new FormatError(`${file}: not an EIF and not valid JSON`, { cause: error });
  }
}

// src/cli/commands/diff.ts
var readEifPcrs = async (path) => (await inspectEif(path, { fileDigests: false })).pcrs;
function register5(program2) {
  program2.addCommand(
    newCommand("diff").description("Explain the PCR differences between two builds (EIFs, measurement files, lock files or manifests)").argument("<before>", "EIF, measurements JSON, lock file or manifest of the earlier build").argument("<after>", "the same kind of file for the later build").option("--fail-on-change", "exit with status 1 when a register (or a file) changed").action(async (before, after, options) => {
      const result = compareSides(await loadReviewSide(before, readEifPcrs), await loadReviewSide(after, readEifPcrs));
      const changed = result.review ? !result.review.unchanged : (result.files?.length ?? 0) > 0;
      if (result.review) process.stdout.write(renderReviewText(result.review));
      else process.stdout.write(result.files.length === 0 ? "The manifests are identical.\n" : `${result.files.map(describeChange).join("\n")}
`);
      if (changed && options.failOnChange) throw new UserError(`${before} and ${after} differ`, { code: "mismatch" });
    })
  );
}

// src/cli/commands/lock.ts
import { createHash as createHash9 } from "node:crypto";
import { readFile as readFile5 } from "node:fs/promises";
import { basename, dirname as dirname2, join as join4 } from "node:path";
function register6(program2) {
  const command = newCommand("lock").description("Write a PCR lock file (PCRs, OS_IMAGE_HASH, blob and dstack-util hashes) and the manifest beside it, to commit").requiredOption("--measurements <file>", "measurements JSON written by build-enclave").option("--manifest <file>", "filesystem manifest of the same build (copied beside the lock file)").option("--output-file <file>", "lock file to write", DEFAULT_LOCK_NAME).action(async (options) => {
    const lockText = await writeLock(options);
    process.stdout.write(lockText);
  });
  keepOldFlag(command, "--output <file>", "outputFile", "--output-file <file>");
  program2.addCommand(command);
}
async function writeLock(options) {
  const facts = factsFromJson(parseJson2(await readInput2(options.measurements), options.measurements), options.measurements);
  let manifest;
  if (options.manifest) {
    const bytes = await readInput2(options.manifest);
    if (!isManifest(parseJson2(bytes, options.manifest))) throw new FormatError(`${options.manifest}: not a manifest (expected an "entries" array)`);
    const name = manifestNameFor(basename(options.outputFile));
    await writeFileAtomic(join4(dirname2(options.outputFile), name), bytes);
    manifest = { path: name, sha256: createHash9("sha256").update(bytes).digest("hex") };
  }
  const text = serializeLock(createLock(facts, manifest));
  await writeFileAtomic(options.outputFile, text);
  return text;
}
async function readInput2(file) {
  try {
    return await readFile5(file);
  } catch (error) {
    throw new UserError(`${file}: cannot read: ${error.message}`, { cause: error });
  }
}
function parseJson2(bytes, file) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new FormatError(`${file}: not valid JSON`, { cause: error });
  }
}

// src/cli/commands/os-image-hash.ts
function register7(program2) {
  program2.addCommand(
    newCommand("os-image-hash").description("Print dstack's OS_IMAGE_HASH = SHA256(raw PCR0 || raw PCR1 || raw PCR2) as 0x + 64 hex").option("--pcr0 <hex>", "PCR0 (96 hex digits)").option("--pcr1 <hex>", "PCR1 (96 hex digits)").option("--pcr2 <hex>", "PCR2 (96 hex digits)").option("--eif-path <file>", "measure this EIF").option("--measurements <file>", `nitro-cli's {"Measurements": \u2026} JSON or a nitro-eif measurements file`).action(async (options) => {
      process.stdout.write(`${osImageHash(await pcrsFrom(options))}
`);
    })
  );
}
async function pcrsFrom(options) {
  const direct = [options.pcr0, options.pcr1, options.pcr2];
  const modes = [direct.some((p) => p !== void 0), options.eifPath !== void 0, options.measurements !== void 0];
  if (modes.filter(Boolean).length !== 1) {
    throw new UserError("os-image-hash: give --pcr0/--pcr1/--pcr2, --eif-path or --measurements (exactly one way)", { code: "usage" });
  }
  if (options.eifPath !== void 0) return (await inspectEif(options.eifPath, { fileDigests: false })).pcrs;
  if (options.measurements !== void 0) return (await readMeasurements(options.measurements)).pcrs;
  const [PCR0, PCR1, PCR2] = direct;
  if (PCR0 === void 0 || PCR1 === void 0 || PCR2 === void 0) {
    throw new UserError("os-image-hash: --pcr0, --pcr1 and --pcr2 are all required together", { code: "usage" });
  }
  return { PCR0, PCR1, PCR2 };
}

// src/cli/commands/pcr.ts
import { readFile as readFile6 } from "node:fs/promises";
function register8(program2) {
  program2.addCommand(
    newCommand("pcr").description("Print the PCR of a file's bytes (--input) or PCR8 of a signing certificate (--signing-certificate)").option("--input <file>", "file whose bytes are measured").option("--signing-certificate <pem>", "signing certificate PEM; prints PCR8 (over the DER of its first certificate)").action(async (options) => {
      if (options.input === void 0 === (options.signingCertificate === void 0)) {
        throw new UserError("pcr: give exactly one of --input or --signing-certificate", { code: "usage" });
      }
      const result = options.input !== void 0 ? { PCR: await pcrOfFile(options.input).catch(rethrowRead(options.input)) } : { PCR8: certificatePcr8(await readFile6(options.signingCertificate).catch(rethrowRead(options.signingCertificate)), options.signingCertificate) };
      process.stdout.write(`${JSON.stringify(result, null, 2)}
`);
    })
  );
}
function rethrowRead(path) {
  return (error) => {
    throw new UserError(`${path}: cannot read: ${error.message}`, { code: "not-found", cause: error });
  };
}

// src/cli/commands/attest.ts
import { readFile as readFile7 } from "node:fs/promises";
var collect2 = (value, previous) => [...previous, value];
function register9(program2) {
  const command = newCommand("attest").description("Make a signed SLSA provenance bundle (provenance.sigstore.json) for an EIF and its measurements, with a local EC P-256 key").requiredOption("--eif-path <file>", "the EIF (measured here)").requiredOption("--measurements <file>", "its measurements JSON (must match the EIF)").option("--private-key <pem>", "unencrypted EC P-256 private key (PEM); required").option("--output-file <file>", "where to write the bundle", "provenance.sigstore.json").option("--source-repository <url>", "source repository, e.g. https://github.com/owner/repo").option("--source-ref <ref>", "source ref, e.g. refs/heads/main").option("--source-commit <sha>", "source commit (full id)").option("--workflow <path>", "workflow file that ran the build").option("--dockerfile <path>", "Dockerfile used").option("--context <path>", "build context used").option("--platform <platform>", "image platform, e.g. linux/amd64").option("--build-arg <name=value>", "a build argument (repeatable)", collect2, []).option("--source-date-epoch <seconds>", "SOURCE_DATE_EPOCH of the build").option("--base-image <ref@sha256:\u2026>", "a base image by digest (repeatable)", collect2, []).option("--dstack-util-sha256 <hex>", "SHA-256 of the dstack-util binary in the image").option("--builder-id <uri>", "runDetails.builder.id").option("--invocation-id <uri>", "runDetails.metadata.invocationId").action(async (options) => {
    const { attestFiles, loadSigningKey } = await import("./cli-chunks/provenance-2VLJQWYP.js");
    const privateKey = loadSigningKey(await readKey(options.privateKey), `--private-key ${options.privateKey}`);
    const { statement } = await attestFiles({
      eifPath: options.eifPath,
      measurementsPath: options.measurements,
      privateKey,
      outputPath: options.outputFile,
      details: details(options)
    });
    const summary = { output: options.outputFile, subjects: statement.subject, predicateType: statement.predicateType };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}
`);
  });
  keepOldFlag(command, "--key <pem>", "privateKey", "--private-key <pem>", true);
  keepOldFlag(command, "--output <file>", "outputFile", "--output-file <file>");
  program2.addCommand(command);
}
function details(o) {
  const source = compact({ repository: o.sourceRepository, ref: o.sourceRef, commit: o.sourceCommit });
  const build = compact({
    dockerfile: o.dockerfile,
    context: o.context,
    platform: o.platform,
    buildArgs: o.buildArg.length === 0 ? void 0 : Object.fromEntries(o.buildArg.map(splitArg)),
    sourceDateEpoch: o.sourceDateEpoch === void 0 ? void 0 : epoch(o.sourceDateEpoch)
  });
  const dependencies = compact({
    baseImages: o.baseImage.length === 0 ? void 0 : o.baseImage.map(splitImage),
    dstackUtil: o.dstackUtilSha256 === void 0 ? void 0 : { sha256: o.dstackUtilSha256.toLowerCase() }
  });
  return compact({
    source,
    build,
    dependencies,
    workflow: o.workflow === void 0 ? void 0 : { path: o.workflow },
    builderId: o.builderId,
    invocationId: o.invocationId
  });
}
function splitArg(text) {
  const at = text.indexOf("=");
  if (at <= 0) throw new UserError(`--build-arg: expected NAME=VALUE, got ${JSON.stringify(text)}`, { code: "usage" });
  return [text.slice(0, at), text.slice(at + 1)];
}
function splitImage(text) {
  const at = text.lastIndexOf("@");
  if (at <= 0) throw new UserError(`--base-image: expected REF@sha256:HEX, got ${JSON.stringify(text)}`, { code: "usage" });
  return { name: text.slice(0, at), digest: text.slice(at + 1) };
}
function epoch(text) {
  if (!/^\d{1,12}$/.test(text)) throw new UserError(`--source-date-epoch: expected whole seconds, got ${JSON.stringify(text)}`, { code: "usage" });
  return Number(text);
}
async function readKey(path) {
  try {
    return await readFile7(path, "utf8");
  } catch (error) {
    throw new UserError(`--private-key ${path}: cannot read: ${error.message}`, { code: "not-found", cause: error });
  }
}
function compact(record) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== void 0));
}

// src/cli/commands/verify.ts
import { readFile as readFile8 } from "node:fs/promises";
function register10(program2) {
  program2.addCommand(
    newCommand("verify").description("Recompute an EIF's PCRs and digests and check them against a measurements file and a signed provenance bundle").requiredOption("--eif-path <file>", "the EIF to verify").option("--measurements <file>", "measurements JSON that must match the EIF (and the provenance subject)").option("--provenance <file>", "provenance Sigstore bundle (provenance.sigstore.json)").option("--key <pem>", "public key the provenance was signed with").option("--certificate-identity <uri>", "exact signer identity of a keyless bundle (workflow URI)").option("--certificate-oidc-issuer <url>", "exact OIDC issuer of a keyless bundle").option("--trusted-root <file>", "Sigstore trusted_root.json for keyless bundles (not fetched: this runs offline)").action(async (options) => {
      if (options.provenance === void 0 && (options.key ?? options.certificateIdentity) !== void 0) {
        throw new UserError("--key and --certificate-identity need --provenance", { code: "usage" });
      }
      const { verifyEif } = await import("./cli-chunks/verify-eif-QC6S7G6L.js");
      const report = await verifyEif({
        eifPath: options.eifPath,
        ...options.measurements === void 0 ? {} : { measurementsPath: options.measurements },
        ...options.provenance === void 0 ? {} : { provenance: { path: options.provenance, trust: await bundleTrust(options) } }
      });
      process.stdout.write(`${JSON.stringify(report, null, 2)}
`);
    })
  );
}
async function bundleTrust(options) {
  const byKey = options.key !== void 0;
  const byIdentity = options.certificateIdentity !== void 0 || options.certificateOidcIssuer !== void 0;
  if (byKey === byIdentity) {
    throw new UserError("--provenance needs either --key or --certificate-identity with --certificate-oidc-issuer", { code: "usage" });
  }
  if (byKey) return { publicKeyPem: await readText2(options.key, "--key") };
  if (options.certificateIdentity === void 0 || options.certificateOidcIssuer === void 0) {
    throw new UserError("--certificate-identity and --certificate-oidc-issuer go together", { code: "usage" });
  }
  if (options.trustedRoot === void 0) {
    throw new UserError("keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; this command never fetches one)", { code: "usage" });
  }
  const { readJson: readJson3 } = await import("./cli-chunks/verify-eif-QC6S7G6L.js");
  return {
    trustedRoot: await readJson3(options.trustedRoot, "trusted root"),
    certificateIdentity: options.certificateIdentity,
    certificateOidcIssuer: options.certificateOidcIssuer
  };
}
async function readText2(path, flag) {
  try {
    return await readFile8(path, "utf8");
  } catch (error) {
    throw new UserError(`${flag} ${path}: cannot read: ${error.message}`, { code: "not-found", cause: error });
  }
}

// src/cli/commands/verify-attestation.ts
import { readFile as readFile9, stat as stat3 } from "node:fs/promises";

// src/trust/attestation/verify.ts
import { createHash as createHash10 } from "node:crypto";

// src/trust/attestation/chain.ts
import { X509Certificate } from "node:crypto";
function verifyCertificateChain(options) {
  const root = parseCertificate(options.rootPem, "root certificate");
  const bundle = options.cabundle.map((der, i) => parseCertificate(der, `cabundle[${i}]`));
  const leaf2 = parseCertificate(options.leaf, "attestation certificate");
  if (!bundle[0].raw.equals(root.raw)) {
    throw new VerificationError(`attestation cabundle root (${bundle[0].subject.replace(/\n/g, ", ")}) is not the pinned AWS Nitro root`);
  }
  const path = [leaf2, ...bundle.slice(1).reverse(), root];
  for (let i = 0; i < path.length; i += 1) {
    const cert = path[i];
    const issuer = path[i + 1] ?? root;
    const name = i === 0 ? "attestation certificate" : i === path.length - 1 ? "root certificate" : `intermediate certificate ${describe(cert)}`;
    if (i > 0 && cert.ca !== true) throw new VerificationError(`${name} is not a CA (basicConstraints cA is false)`);
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw new VerificationError(`${name} is not signed by ${i + 1 < path.length ? describe(issuer) : "itself"}`);
    }
    checkValidity(cert, name, options.at, options.timeHint);
  }
  return { leaf: leaf2, path };
}
function checkValidity(cert, name, at, hint) {
  const from = certificateTime(cert.validFrom);
  const to = certificateTime(cert.validTo);
  if (at.getTime() < from.getTime()) {
    throw new VerificationError(`${name} is not yet valid at ${at.toISOString()} (valid from ${from.toISOString()})${hint}`);
  }
  if (at.getTime() > to.getTime()) {
    throw new VerificationError(`${name} expired at ${to.toISOString()} (checked at ${at.toISOString()})${hint}`);
  }
}
function certificateTime(text) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new FormatError(`certificate validity time ${JSON.stringify(text)} is not readable`);
  return date;
}
function parseCertificate(data, what) {
  try {
    return new X509Certificate(typeof data === "string" ? data : Buffer.from(data));
  } catch (error) {
    throw new FormatError(`${what} is not a valid X.509 certificate (${error.message})`, { cause: error });
  }
}
function describe(cert) {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  return cn === void 0 ? cert.subject.replace(/\n/g, ", ") : `CN=${cn}`;
}

// src/trust/attestation/cose.ts
import { verify } from "node:crypto";
var COSE_SIGN1_TAG_BYTE = 210;
var ES384_PROTECTED = Uint8Array.from([161, 1, 56, 34]);
var ES384_SIGNATURE_BYTES = 96;
var STRICT_CBOR = {
  strict: true,
  useMaps: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false
};
function decodeCoseSign1(bytes, what) {
  const body = bytes[0] === COSE_SIGN1_TAG_BYTE ? bytes.subarray(1) : bytes;
  let value;
  try {
    value = decode(body, STRICT_CBOR);
  } catch (error) {
    throw new FormatError(`${what}: not a valid CBOR COSE_Sign1 (${error.message})`, { cause: error });
  }
  if (!Array.isArray(value) || value.length !== 4) {
    throw new FormatError(`${what}: COSE_Sign1 must be an array of 4 items`);
  }
  const [protectedHeader, unprotected, payload, signature] = value;
  if (!(protectedHeader instanceof Uint8Array) || !equalBytes(protectedHeader, ES384_PROTECTED)) {
    throw new FormatError(`${what}: COSE protected header must be {1: -35} (ES384)`);
  }
  if (!(unprotected instanceof Map) || unprotected.size !== 0) {
    throw new FormatError(`${what}: COSE unprotected header must be an empty map`);
  }
  if (!(payload instanceof Uint8Array)) throw new FormatError(`${what}: COSE payload must be a byte string`);
  if (!(signature instanceof Uint8Array) || signature.length !== ES384_SIGNATURE_BYTES) {
    throw new FormatError(`${what}: COSE signature must be ${ES384_SIGNATURE_BYTES} bytes (ES384 r||s)`);
  }
  return { protectedHeader, payload, signature };
}
function verifyCoseSign1(cose, key, what) {
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "secp384r1") {
    throw new VerificationError(`${what}: signing key is not an EC P-384 key`);
  }
  const toBeSigned = encode(["Signature1", cose.protectedHeader, new Uint8Array(0), cose.payload]);
  const ok = verify("sha384", toBeSigned, { key, dsaEncoding: "ieee-p1363" }, cose.signature);
  if (!ok) throw new VerificationError(`${what}: COSE signature does not verify with the attestation certificate's key`);
}
function equalBytes(a, b) {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

// src/trust/attestation/document.ts
var MAX_PCR_INDEX = 31;
var MAX_OPTIONAL_BYTES = 1024;
function parseAttestationPayload(payload, what) {
  let value;
  try {
    value = decode(payload, { ...STRICT_CBOR, allowIndefinite: true });
  } catch (error) {
    throw new FormatError(`${what}: payload is not valid CBOR (${error.message})`, { cause: error });
  }
  if (!(value instanceof Map)) throw new FormatError(`${what}: payload must be a CBOR map`);
  const map = value;
  const known = /* @__PURE__ */ new Set(["module_id", "timestamp", "digest", "pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce"]);
  for (const key of map.keys()) {
    if (typeof key !== "string" || !known.has(key)) throw new FormatError(`${what}: unexpected payload field ${JSON.stringify(key)}`);
  }
  const field = (name) => map.get(name);
  const moduleId = field("module_id");
  if (typeof moduleId !== "string" || moduleId.length === 0) throw new FormatError(`${what}: module_id must be a non-empty text string`);
  const timestamp = field("timestamp");
  if (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new FormatError(`${what}: timestamp must be a positive integer (milliseconds)`);
  }
  if (field("digest") !== "SHA384") throw new FormatError(`${what}: digest must be "SHA384", got ${JSON.stringify(field("digest"))}`);
  const certificate = field("certificate");
  if (!(certificate instanceof Uint8Array) || certificate.length === 0) throw new FormatError(`${what}: certificate must be a non-empty byte string`);
  return {
    moduleId,
    timestamp,
    digest: "SHA384",
    pcrs: parsePcrs2(field("pcrs"), what),
    certificate,
    cabundle: parseCabundle(field("cabundle"), what),
    ...optionalBytes(map, "public_key", "publicKey", what),
    ...optionalBytes(map, "user_data", "userData", what),
    ...optionalBytes(map, "nonce", "nonce", what)
  };
}
function parsePcrs2(value, what) {
  if (!(value instanceof Map) || value.size === 0) throw new FormatError(`${what}: pcrs must be a non-empty map`);
  const pcrs = /* @__PURE__ */ new Map();
  for (const [index, bytes] of value) {
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > MAX_PCR_INDEX) {
      throw new FormatError(`${what}: pcrs key ${String(index)} is not a register index 0..${MAX_PCR_INDEX}`);
    }
    if (!(bytes instanceof Uint8Array) || bytes.length !== 48) {
      throw new FormatError(`${what}: PCR${index} must be a 48-byte string (SHA384)`);
    }
    pcrs.set(index, bytes);
  }
  for (const index of [0, 1, 2]) {
    if (!pcrs.has(index)) throw new FormatError(`${what}: PCR${index} is missing`);
  }
  return new Map([...pcrs].sort(([a], [b]) => a - b));
}
function parseCabundle(value, what) {
  if (!Array.isArray(value) || value.length === 0) throw new FormatError(`${what}: cabundle must be a non-empty array`);
  return value.map((cert, i) => {
    if (!(cert instanceof Uint8Array) || cert.length === 0) throw new FormatError(`${what}: cabundle[${i}] must be a non-empty byte string`);
    return cert;
  });
}
function optionalBytes(map, name, key, what) {
  const value = map.get(name);
  if (value === void 0 || value === null) return {};
  if (!(value instanceof Uint8Array) || value.length > MAX_OPTIONAL_BYTES) {
    throw new FormatError(`${what}: ${name} must be null or a byte string of at most ${MAX_OPTIONAL_BYTES} bytes`);
  }
  return { [key]: value };
}

// src/trust/attestation/nitro-root.ts
var AWS_NITRO_ROOT_G1_PEM = `-----BEGIN CERTIFICATE-----
MIICETCCAZagAwIBAgIRAPkxdWgbkK/hHUbMtOTn+FYwCgYIKoZIzj0EAwMwSTEL
MAkGA1UEBhMCVVMxDzANBgNVBAoMBkFtYXpvbjEMMAoGA1UECwwDQVdTMRswGQYD
VQQDDBJhd3Mubml0cm8tZW5jbGF2ZXMwHhcNMTkxMDI4MTMyODA1WhcNNDkxMDI4
MTQyODA1WjBJMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGQW1hem9uMQwwCgYDVQQL
DANBV1MxGzAZBgNVBAMMEmF3cy5uaXRyby1lbmNsYXZlczB2MBAGByqGSM49AgEG
BSuBBAAiA2IABPwCVOumCMHzaHDimtqQvkY4MpJzbolL//Zy2YlES1BR5TSksfbb
48C8WBoyt7F2Bw7eEtaaP+ohG2bnUs990d0JX28TcPQXCEPZ3BABIeTPYwEoCWZE
h8l5YoQwTcU/9KNCMEAwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUkCW1DdkF
R+eWw5b6cp3PmanfS5YwDgYDVR0PAQH/BAQDAgGGMAoGCCqGSM49BAMDA2kAMGYC
MQCjfy+Rocm9Xue4YnwWmNJVA44fA0P5W2OpYow9OYCVRaEevL8uO1XYru5xtMPW
rfMCMQCi85sWBbJwKKXdS6BptQFuZbT73o/gBh1qUxl/nNr12UO8Yfwr6wPLb+6N
IwLz3/Y=
-----END CERTIFICATE-----
`;

// src/trust/attestation/verify.ts
var MAX_DOCUMENT_BYTES = 64 * 1024;
function verifyAttestation(options) {
  const what = options.name ?? "attestation document";
  if (options.document.length > MAX_DOCUMENT_BYTES) {
    throw new FormatError(`${what}: ${options.document.length} bytes is more than an attestation document can be (${MAX_DOCUMENT_BYTES})`);
  }
  const cose = decodeCoseSign1(options.document, what);
  const doc = parseAttestationPayload(cose.payload, what);
  const at = options.at === "document-time" ? new Date(doc.timestamp) : options.at ?? /* @__PURE__ */ new Date();
  if (Number.isNaN(at.getTime())) throw new UserError("verification time is not a valid date", { code: "usage" });
  const hint = options.at === "document-time" ? "" : "; use --at-document-time to check it at the document's own time";
  const leaf2 = parseCertificate(doc.certificate, "attestation certificate");
  verifyCoseSign1(cose, leaf2.publicKey, what);
  const chain = verifyCertificateChain({
    leaf: doc.certificate,
    cabundle: doc.cabundle,
    rootPem: options.rootCertificatePem ?? AWS_NITRO_ROOT_G1_PEM,
    at,
    timeHint: hint
  });
  refuseDebugMode(doc, what);
  const checked = options.expected ? comparePcrs2(doc, options.expected.pcrs, what) : [];
  if (options.nonce !== void 0) compareNonce(doc, options.nonce, what);
  return buildReport(doc, chain.path, checked, at);
}
function refuseDebugMode(doc, what) {
  const zero = [0, 1, 2].every((i) => doc.pcrs.get(i).every((b) => b === 0));
  if (zero) throw new VerificationError(`${what}: PCR0, PCR1 and PCR2 are all zero: a debug-mode enclave, refused`);
}
function comparePcrs2(doc, expected, what) {
  const names = ["PCR0", "PCR1", "PCR2", "PCR8"].filter((name) => expected[name] !== void 0);
  for (const name of names) {
    const want = expected[name].toLowerCase().replace(/^0x/, "");
    const got = doc.pcrs.get(Number(name.slice(3)));
    const gotHex = got === void 0 ? "(absent)" : toHex(got);
    if (gotHex !== want) throw new VerificationError(`${what}: ${name} differs: document has ${gotHex}, expected ${want}`);
  }
  return names;
}
function compareNonce(doc, nonce, what) {
  if (doc.nonce === void 0) throw new VerificationError(`${what}: has no nonce, expected ${toHex(nonce)}`);
  if (!equalBytes(doc.nonce, nonce)) {
    throw new VerificationError(`${what}: nonce differs: document has ${toHex(doc.nonce)}, expected ${toHex(nonce)}`);
  }
}
function buildReport(doc, path, checked, at) {
  const leaf2 = path[0];
  const root = path[path.length - 1];
  const pcrs = {};
  for (const [index, value] of doc.pcrs) pcrs[String(index)] = toHex(value);
  return {
    module_id: doc.moduleId,
    timestamp: new Date(doc.timestamp).toISOString(),
    digest: doc.digest,
    pcrs,
    os_image_hash: osImageHashOfRaw(doc.pcrs.get(0), doc.pcrs.get(1), doc.pcrs.get(2)),
    ...doc.publicKey ? { public_key: toHex(doc.publicKey) } : {},
    ...doc.userData ? { user_data: toHex(doc.userData) } : {},
    ...doc.nonce ? { nonce: toHex(doc.nonce) } : {},
    certificate: {
      subject: leaf2.subject.replace(/\n/g, ", "),
      issuer: leaf2.issuer.replace(/\n/g, ", "),
      serial_number: leaf2.serialNumber.toLowerCase(),
      not_before: certificateTime(leaf2.validFrom).toISOString(),
      not_after: certificateTime(leaf2.validTo).toISOString()
    },
    chain: { ok: true, length: path.length, root_sha256: createHash10("sha256").update(root.raw).digest("hex") },
    pcrs_checked: checked,
    checked_at: at.toISOString()
  };
}

// src/trust/attestation/input.ts
var RAW_FIRST_BYTES = /* @__PURE__ */ new Set([132, 210]);
function attestationDocumentBytes(data) {
  if (data.length === 0 || RAW_FIRST_BYTES.has(data[0])) return data;
  const text = Buffer.from(data).toString("latin1").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return data;
  const decoded = new Uint8Array(Buffer.from(text, text.includes("-") || text.includes("_") ? "base64url" : "base64"));
  return decoded.length > 0 && RAW_FIRST_BYTES.has(decoded[0]) ? decoded : data;
}

// src/cli/commands/verify-attestation.ts
function register11(program2) {
  program2.addCommand(
    newCommand("verify-attestation").description("Verify a Nitro attestation document (COSE_Sign1, AWS root chain) and compare its PCRs with a build").requiredOption("--document <file>", "attestation document (raw COSE_Sign1 bytes, or that as base64)").option("--eif-path <file>", "expect the PCRs recomputed from this EIF").option("--measurements <file>", "expect the PCRs of this measurements JSON").option("--pcr0 <hex>", "expected PCR0 (with --pcr1 and --pcr2)").option("--pcr1 <hex>", "expected PCR1").option("--pcr2 <hex>", "expected PCR2").option("--at-document-time", "check certificate validity at the document's own timestamp").option("--at <iso-8601>", "check certificate validity at this time (default: now)").option("--nonce <hex>", "the nonce the document must carry").option("--root-certificate <pem>", "trust this root instead of the pinned AWS Nitro Enclaves root").action(async (options) => {
      const expected = await expectedPcrs(options);
      const report = verifyAttestation({
        document: attestationDocumentBytes(new Uint8Array(await readInput3(options.document, "--document", 2 * MAX_DOCUMENT_BYTES))),
        expected: { pcrs: expected },
        at: verificationTime(options),
        name: options.document,
        ...options.nonce === void 0 ? {} : { nonce: parseNonce(options.nonce) },
        ...options.rootCertificate === void 0 ? {} : { rootCertificatePem: (await readInput3(options.rootCertificate, "--root-certificate")).toString("utf8") }
      });
      process.stdout.write(`${JSON.stringify(report, null, 2)}
`);
    })
  );
}
async function expectedPcrs(options) {
  const pcrFlags = [options.pcr0, options.pcr1, options.pcr2];
  const sources = [options.eifPath !== void 0, options.measurements !== void 0, pcrFlags.some((v) => v !== void 0)];
  if (sources.filter(Boolean).length !== 1) {
    throw new UserError("give exactly one of --eif-path, --measurements or --pcr0/--pcr1/--pcr2", { code: "usage" });
  }
  if (options.eifPath !== void 0) {
    const { pcrs } = await inspectEif(options.eifPath, { fileDigests: false });
    return { PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2, ...pcrs.PCR8 ? { PCR8: pcrs.PCR8 } : {} };
  }
  if (options.measurements !== void 0) return (await readMeasurements(options.measurements)).pcrs;
  if (pcrFlags.some((v) => v === void 0)) throw new UserError("--pcr0, --pcr1 and --pcr2 go together", { code: "usage" });
  const [pcr0, pcr1, pcr2] = pcrFlags.map((v, i) => toHex(parseHex(v, 48, `--pcr${i}`)));
  return { PCR0: pcr0, PCR1: pcr1, PCR2: pcr2 };
}
function verificationTime(options) {
  if (options.atDocumentTime && options.at !== void 0) throw new UserError("--at and --at-document-time exclude each other", { code: "usage" });
  if (options.atDocumentTime) return "document-time";
  if (options.at === void 0) return /* @__PURE__ */ new Date();
  const at = new Date(options.at);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(options.at) || Number.isNaN(at.getTime())) {
    throw new UserError(`--at: expected an ISO-8601 time such as 2025-12-25T13:00:00Z, got ${JSON.stringify(options.at)}`, { code: "usage" });
  }
  return at;
}
function parseNonce(text) {
  const hex = text.trim().replace(/^0x/i, "");
  if (hex.length === 0 || hex.length % 2 !== 0 || hex.length > 2048 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new UserError(`--nonce: expected an even number of hex digits (at most 1024 bytes), got ${JSON.stringify(text)}`, { code: "usage" });
  }
  return Uint8Array.from(Buffer.from(hex, "hex"));
}
async function readInput3(path, flag, maxBytes = 1 << 20) {
  const size = await stat3(path).then((s) => s.size, () => 0);
  if (size > maxBytes) throw new UserError(`${flag} ${path}: ${size} bytes is too large (at most ${maxBytes})`);
  try {
    return await readFile9(path);
  } catch (error) {
    throw new UserError(`${flag} ${path}: cannot read: ${error.message}`, { code: "not-found", cause: error });
  }
}

// src/cli/commands/ls.ts
import { stat as stat4 } from "node:fs/promises";

// src/store/list.ts
var MAX_JSON = 4 << 20;
async function readJson2(store, key) {
  try {
    const chunks = [];
    let size = 0;
    for await (const chunk of await store.get(key)) {
      size += chunk.byteLength;
      if (size > MAX_JSON) return void 0;
      chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return void 0;
  }
}
var get = (value, ...path) => path.reduce((acc, key) => typeof acc === "object" && acc !== null ? acc[key] : void 0, value);
var firstString = (...values) => values.find((v) => typeof v === "string" && v !== "");
function fromProvenance(bundle) {
  const payload = get(bundle, "dsseEnvelope", "payload");
  if (typeof payload !== "string") return {};
  let statement;
  try {
    statement = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
  } catch {
    return {};
  }
  const params = get(statement, "predicate", "buildDefinition", "externalParameters");
  const meta = get(statement, "predicate", "runDetails", "metadata");
  return { commit: firstString(get(params, "commit")), date: firstString(get(meta, "finishedOn"), get(meta, "startedOn")) };
}
function fromMeasurements(json) {
  const epoch2 = get(json, "source_date_epoch");
  const date = typeof epoch2 === "number" && Number.isSafeInteger(epoch2) ? new Date(epoch2 * 1e3).toISOString() : void 0;
  return {
    commit: firstString(get(json, "source", "commit"), get(json, "commit"), get(json, "source_commit")),
    date: firstString(date, get(json, "build_time"), get(json, "buildTime"))
  };
}
async function describe2(store, hash, files) {
  const image = {
    osImageHash: `0x${hash}`,
    files: files.sort(),
    complete: files.includes(ARTIFACT_FILES.eif) && files.includes(ARTIFACT_FILES.measurements)
  };
  const sources = [
    files.includes(ARTIFACT_FILES.provenance) ? fromProvenance(await readJson2(store, artifactKey(hash, "provenance"))) : {},
    files.includes(ARTIFACT_FILES.measurements) ? fromMeasurements(await readJson2(store, artifactKey(hash, "measurements"))) : {}
  ];
  const commit = firstString(...sources.map((s) => s.commit));
  const date = firstString(...sources.map((s) => s.date));
  return { ...image, ...commit ? { commit } : {}, ...date ? { date } : {} };
}
async function listImages(store) {
  const byHash = /* @__PURE__ */ new Map();
  for await (const key of store.list("")) {
    const [hash, file, ...rest] = key.split("/");
    if (!hash || !file || rest.length || !isHashKey(hash)) continue;
    byHash.set(hash, [...byHash.get(hash) ?? [], file]);
  }
  const images = [];
  for (const [hash, files] of byHash) images.push(await describe2(store, hash, files));
  return images.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.osImageHash.localeCompare(b.osImageHash));
}

// src/cli/commands/store-flags.ts
function addStoreFlags(command) {
  return command.option("--store <uri>", "store: a directory, file:///dir or s3://bucket/prefix", DEFAULT_STORE).option("--s3-endpoint <url>", "S3-compatible endpoint (default: $AWS_ENDPOINT_URL_S3)").option("--s3-region <region>", "S3 region (default: the AWS configuration chain)").option("--s3-force-path-style", "address the bucket in the path (the default with a custom endpoint)").option("--part-size <MiB>", "multipart upload part size in MiB (minimum 5)");
}
async function storeFromFlags(flags) {
  const env = process.env;
  const endpoint = flags.s3Endpoint ?? (env["AWS_ENDPOINT_URL_S3"] || void 0);
  const region = flags.s3Region ?? (env["AWS_REGION"] || env["AWS_DEFAULT_REGION"] || (endpoint ? "us-east-1" : void 0));
  let partSize;
  if (flags.partSize !== void 0) {
    const mib = Number(flags.partSize);
    if (!Number.isInteger(mib) || mib < 5 || mib > 5120) throw new UserError("--part-size: an integer number of MiB from 5 to 5120", { code: "usage" });
    partSize = mib * 1024 * 1024;
  }
  const forcePathStyle = flags.s3ForcePathStyle ?? (endpoint ? true : void 0);
  const { openStore } = await import("./cli-chunks/open-store-C7TNEXUF.js");
  return openStore(flags.store, { endpoint, region, forcePathStyle, partSize });
}
var PROGRESS_MIN = 8 * 1024 * 1024;
function progressPrinter() {
  const shown = /* @__PURE__ */ new Map();
  return ({ key, loaded, total }) => {
    if (total < PROGRESS_MIN) return;
    const tenth = Math.floor(loaded / total * 10);
    if ((shown.get(key) ?? -1) >= tenth) return;
    shown.set(key, tenth);
    const mib = (n) => (n / 1048576).toFixed(1);
    process.stderr.write(`nitro-eif: uploading ${key}: ${mib(loaded)}/${mib(total)} MiB (${tenth * 10}%)
`);
  };
}

// src/cli/commands/ls.ts
function register12(program2) {
  program2.addCommand(
    addStoreFlags(
      newCommand("ls").description("List the OS_IMAGE_HASHes in a store with their source commit and build date").option("--json", "print JSON instead of a table")
    ).action(async (options) => {
      const store = await storeFromFlags(options);
      if (store instanceof LocalStore) await requireDirectory(store.root);
      const images = await listImages(store);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(images, null, 2)}
`);
        return;
      }
      const rows = images.map((i) => `${i.osImageHash}  ${(i.commit ?? "-").slice(0, 12).padEnd(12)}  ${i.date ?? "-"}${i.complete ? "" : "  (incomplete)"}`);
      process.stdout.write(["OS_IMAGE_HASH".padEnd(66) + "  COMMIT        DATE", ...rows].join("\n") + "\n");
    })
  );
}
async function requireDirectory(root) {
  const info = await stat4(root).catch(() => void 0);
  if (!info?.isDirectory()) throw new UserError(`${root}: store directory not found`);
}

// src/cli/commands/pull.ts
import { readFile as readFile10 } from "node:fs/promises";
async function readInput4(path, flag) {
  return readFile10(path, "utf8").catch((error) => {
    throw new UserError(`${flag} ${path}: cannot read: ${error.message}`, { code: "not-found", cause: error });
  });
}
async function trustFromFlags(options) {
  const byIdentity = options.certificateIdentity !== void 0 || options.certificateOidcIssuer !== void 0;
  if (options.key !== void 0 && byIdentity) throw new UserError("give either --key or --certificate-identity, not both", { code: "usage" });
  if (options.key !== void 0) return { publicKeyPem: await readInput4(options.key, "--key") };
  if (!byIdentity) return void 0;
  if (!options.certificateIdentity || !options.certificateOidcIssuer) {
    throw new UserError("--certificate-identity and --certificate-oidc-issuer go together", { code: "usage" });
  }
  if (options.trustedRoot === void 0) {
    throw new UserError("keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; nothing is fetched)", { code: "usage" });
  }
  const trustedRoot = JSON.parse(await readInput4(options.trustedRoot, "--trusted-root"));
  return { trustedRoot, certificateIdentity: options.certificateIdentity, certificateOidcIssuer: options.certificateOidcIssuer };
}
function register13(program2) {
  program2.addCommand(
    addStoreFlags(
      newCommand("pull").description("Download an EIF by OS_IMAGE_HASH, recompute its PCRs and hash, check the stored measurements (and provenance), and only then write --output-file").argument("<os-image-hash>", "OS_IMAGE_HASH, 64 hex digits, 0x optional").requiredOption("--output-file <file>", "where the verified EIF goes").option("--key <pem>", "verify the stored provenance with this public key").option("--certificate-identity <uri>", "verify the stored provenance was signed by this identity (keyless)").option("--certificate-oidc-issuer <url>", "OIDC issuer of that identity").option("--trusted-root <file>", "Sigstore trusted_root.json for keyless provenance")
    ).action(async (hash, options) => {
      const trust = await trustFromFlags(options);
      const { pullArtifact } = await import("./cli-chunks/pull-ATJRJH7R.js");
      const result = await pullArtifact({ store: await storeFromFlags(options), osImageHash: hash, outputFile: options.outputFile, ...trust ? { trust } : {} });
      process.stdout.write(`${JSON.stringify({ ...result.report, eif_uri: result.eifUri }, null, 2)}
`);
    })
  );
}

// src/store/push.ts
import { readFile as readFile11 } from "node:fs/promises";
async function checkMeasurementsFile(path, pcrs, hash, eifSha256) {
  const text = await readFile11(path, "utf8").catch((error) => {
    throw new UserError(`${path}: cannot read: ${error.message}`, { code: "not-found", cause: error });
  });
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`${path}: not valid JSON (${error.message})`, { cause: error });
  }
  const what = `measurements file ${path}`;
  comparePcrs(parsePcrs(json, path).pcrs, pcrs, what);
  const record = json;
  if (typeof record.os_image_hash === "string" && record.os_image_hash.toLowerCase().replace(/^(0x)?/, "0x") !== hash) {
    throw new VerificationError(`${what}: os_image_hash is ${record.os_image_hash}, the EIF's is ${hash}`);
  }
  if (typeof record.eif?.sha256 === "string" && record.eif.sha256.toLowerCase() !== eifSha256) {
    throw new VerificationError(`${what}: eif.sha256 is ${record.eif.sha256}, the EIF's is ${eifSha256}`);
  }
}
async function pushArtifacts(options) {
  const eif = await inspectEif(options.eifPath);
  if (!eif.crc.ok) throw new VerificationError(`${options.eifPath}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed})`);
  const hash = normalizeOsImageHash(osImageHash(eif.pcrs));
  await checkMeasurementsFile(options.measurementsPath, eif.pcrs, `0x${hash}`, eif.sha256);
  const uploads = [
    ["measurements", options.measurementsPath, "application/json"],
    ["manifest", options.manifestPath, "application/json"],
    ["provenance", options.provenancePath, "application/vnd.dev.sigstore.bundle.v0.3+json"],
    ["eif", options.eifPath, "application/octet-stream"]
  ];
  const objects = [];
  for (const [kind, path, contentType] of uploads) {
    if (path === void 0) continue;
    const put = await options.store.put(artifactKey(hash, kind), { path }, { contentType, onProgress: options.onProgress });
    objects.push({ ...put, kind });
  }
  return {
    osImageHash: `0x${hash}`,
    pcrs: eif.pcrs,
    storeUri: `${options.store.uri}/${hash}`,
    eifUri: options.store.uriOf(artifactKey(hash, "eif")),
    objects,
    created: objects.some((o) => o.created)
  };
}

// src/cli/commands/push.ts
function register14(program2) {
  program2.addCommand(
    addStoreFlags(
      newCommand("push").description("Store an EIF with its measurements (and manifest, provenance) under its OS_IMAGE_HASH; write-once").requiredOption("--eif-path <file>", "the EIF; its OS_IMAGE_HASH is computed from its own PCRs").requiredOption("--measurements <file>", "measurements JSON; must match the EIF").option("--manifest <file>", "build manifest JSON").option("--provenance <file>", "provenance Sigstore bundle")
    ).action(async (options) => {
      const result = await pushArtifacts({
        store: await storeFromFlags(options),
        eifPath: options.eifPath,
        measurementsPath: options.measurements,
        manifestPath: options.manifest,
        provenancePath: options.provenance,
        onProgress: progressPrinter()
      });
      const objects = result.objects.map(({ kind, uri, sha256, size, created }) => ({ kind, uri, sha256, size, created }));
      process.stdout.write(`${JSON.stringify({ os_image_hash: result.osImageHash, store_uri: result.storeUri, eif_uri: result.eifUri, created: result.created, objects }, null, 2)}
`);
    })
  );
}

// src/cli/commands/register.ts
async function hashAndPcrs(options) {
  if (options.measurements !== void 0) {
    const { pcrs } = await readMeasurements(options.measurements);
    return { hash: options.osImageHash ?? osImageHash(pcrs), pcrs };
  }
  if (options.osImageHash === void 0) throw new UserError("give --os-image-hash or --measurements", { code: "usage" });
  if (options.store === void 0) return { hash: options.osImageHash };
  const store = await storeFromFlags({ store: options.store });
  const key = artifactKey(options.osImageHash, "measurements");
  const chunks = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk);
  let json;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new UserError(`${store.uriOf(key)}: not valid JSON`, { code: "format", cause: error });
  }
  return { hash: options.osImageHash, pcrs: parsePcrs(json, store.uriOf(key)).pcrs };
}
function createdAt() {
  const epoch2 = process.env["SOURCE_DATE_EPOCH"];
  if (!epoch2) return void 0;
  if (!/^\d+$/.test(epoch2)) throw new UserError(`SOURCE_DATE_EPOCH: expected whole seconds, got ${JSON.stringify(epoch2)}`, { code: "usage" });
  return Number(epoch2) * 1e3;
}
function defaultGitUrl(repository) {
  const server = process.env["GITHUB_SERVER_URL"];
  return server ? `${server.replace(/\/+$/, "")}/${repository.trim()}.git` : void 0;
}
async function toRegisterOptions(options) {
  if (options.mode !== "auth-simple" && options.mode !== "onchain") throw new UserError(`--mode: auth-simple or onchain, got ${JSON.stringify(options.mode)}`, { code: "usage" });
  const { hash, pcrs } = await hashAndPcrs(options);
  const chainId = options.chainId === void 0 ? void 0 : Number(options.chainId);
  return {
    mode: options.mode,
    osImageHash: hash,
    pcrs,
    registryRepository: options.registryRepository,
    registryPath: options.registryPath,
    registryBase: options.registryBase,
    appId: options.appId,
    kmsContract: options.kmsContract,
    appContract: options.appContract,
    chainId,
    safeAddress: options.safeAddress,
    createdAt: createdAt(),
    token: options.registryToken ?? (process.env["GITHUB_TOKEN"] || void 0),
    gitUrl: options.gitUrl ?? defaultGitUrl(options.registryRepository),
    apiUrl: options.apiUrl ?? (process.env["GITHUB_API_URL"] || void 0),
    dryRun: options.dryRun,
    dryRunOutput: options.dryRunOutput,
    evidence: {
      storeUri: options.store,
      sourceRepository: options.sourceRepository,
      sourceCommit: options.sourceCommit,
      provenanceUrl: options.provenanceUrl,
      buildUrl: options.buildUrl,
      eifUri: options.eifUri,
      certificateIdentity: options.certificateIdentity,
      certificateOidcIssuer: options.certificateOidcIssuer
    }
  };
}
function print(result, dryRun) {
  for (const warning of result.warnings) process.stderr.write(`nitro-eif: warning: ${warning}
`);
  if (result.alreadyRegistered) process.stderr.write(`nitro-eif: ${result.osImageHash} is already registered in ${result.file}; no pull request
`);
  if (dryRun && result.body) {
    process.stderr.write(`nitro-eif: dry run: wrote ${result.dryRunFile}; pull request body follows
`);
    process.stdout.write(result.body);
    return;
  }
  const out = {
    os_image_hash: result.osImageHash,
    operation: result.operation,
    already_registered: result.alreadyRegistered,
    pull_request_number: result.pullRequestNumber ?? null,
    pull_request_url: result.pullRequestUrl ?? null,
    branch: result.branch,
    file: result.file
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}
`);
}
function register15(program2) {
  program2.addCommand(
    newCommand("register").description("Open (or update) a pull request on the KMS registry allowing one OS_IMAGE_HASH: an auth-simple auth-config.json edit, or a Safe Transaction Builder batch for the on-chain contracts").requiredOption("--mode <mode>", "auth-simple | onchain").option("--os-image-hash <hash>", "the OS_IMAGE_HASH (64 hex, 0x optional)").option("--measurements <file>", "measurements JSON: the hash is computed from its PCRs, which the PR shows").requiredOption("--registry-repository <owner/repo>", "the registry repository").requiredOption("--registry-path <path>", "auth-simple: the auth-config.json path; onchain: the folder for batch files").option("--registry-base <branch>", "base branch of the pull request", "main").option("--app-id <hex>", "dstack app id (20 bytes); auth-simple adds the hash to its composeHashes").option("--kms-contract <address>", "onchain: DstackKms address (addOsImageHash)").option("--app-contract <address>", "onchain: DstackApp address (addComposeHash)").option("--chain-id <n>", "onchain: chain id of the contracts").option("--safe-address <address>", "onchain: the owner Safe (recorded in the batch meta)").option("--registry-token <token>", "GitHub token (default: $GITHUB_TOKEN; prefer the variable, flags show in ps)").option("--git-url <url>", "clone URL (default: $GITHUB_SERVER_URL or https://github.com, /<owner>/<repo>.git)").option("--api-url <url>", "GitHub API URL (default: $GITHUB_API_URL or https://api.github.com)").option("--dry-run", "write the changed file locally and print the PR body; push nothing").option("--dry-run-output <file>", "where --dry-run writes the file (default: its name in the current folder)").option("--store <uri>", "store holding the image: its PCRs are read from it (without --measurements) and the reviewer pulls from it").option("--source-repository <url>", "source repository URL (links the commit)").option("--source-commit <sha>", "source commit of the build").option("--provenance-url <url>", "link to the build provenance").option("--build-url <url>", "link to the CI run").option("--eif-uri <uri>", "where the EIF is stored").option("--certificate-identity <uri>", "signer identity the reviewer checks the provenance against").option("--certificate-oidc-issuer <url>", "OIDC issuer of that identity").action(async (options) => {
      const { register: registerImage } = await import("./cli-chunks/register-B56GDJCR.js");
      print(await registerImage(await toRegisterOptions(options)), options.dryRun === true);
    })
  );
}

// src/cli/program.ts
function buildProgram() {
  const program2 = new Command("nitro-eif").description("Reproducible AWS Nitro Enclave images (EIF): build, measure, sign, verify, store and register").version(BUILDER_VERSION).exitOverride().showHelpAfterError("(run with --help for usage)").configureOutput(OUTPUT);
  register3(program2);
  register(program2);
  register4(program2);
  register8(program2);
  register7(program2);
  register2(program2);
  register9(program2);
  register10(program2);
  register11(program2);
  register14(program2);
  register13(program2);
  register12(program2);
  register15(program2);
  register6(program2);
  register5(program2);
  return program2;
}
var OUTPUT = { outputError: (text, write) => write(`nitro-eif: ${text}`) };
function keepOldFlag(command, oldFlags, current, currentFlags, required = false) {
  const old = new Option(oldFlags).hideHelp();
  command.addOption(old);
  return command.hook("preAction", (cmd) => {
    const value = cmd.getOptionValue(old.attributeName());
    if (value !== void 0) {
      if (cmd.getOptionValueSource(current) === "cli") cmd.error(`error: ${old.long} is the old name of ${currentFlags.split(" ")[0]}: give only one`);
      cmd.setOptionValueWithSource(current, value, "cli");
    }
    if (required && cmd.getOptionValue(current) === void 0) cmd.error(`error: required option '${currentFlags}' not specified`);
  });
}
function newCommand(name) {
  return new Command(name).exitOverride().showHelpAfterError("(run with --help for usage)").configureOutput(OUTPUT);
}

// src/cli/main.ts
async function main(argv) {
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const program2 = buildProgram();
  try {
    await program2.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`nitro-eif: error: ${errorMessage(error)}
`);
    if (process.env["NITRO_EIF_DEBUG"] && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}
`);
    }
    if (error instanceof UserError) return error.code === "usage" ? 2 : 1;
    return 1;
  }
}

// src/cli/index.ts
cleanUpOnSignals((signal) => process.stderr.write(`nitro-eif: interrupted (${signal}); temporary files removed
`));
process.exitCode = await main(process.argv.slice(2));
